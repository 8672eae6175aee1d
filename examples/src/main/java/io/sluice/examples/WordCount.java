package io.sluice.examples;

import io.sluice.api.StreamEnvironment;
import java.io.Serializable;
import java.util.Locale;

/**
 * WordCount with the Java API: generated text → split into words → keyBy word → rolling sum → print.
 * Run it locally (in this JVM, with the runtime's local executor):
 * {@code java -cp ... io.sluice.examples.WordCount [lines] [seed]}.
 */
public final class WordCount {

    /** A word and how often it has been seen so far. */
    public record WordWithCount(String word, long count) implements Serializable {}

    private WordCount() {}

    public static StreamEnvironment build(long lines, long seed) {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        env.generateText(lines, seed)
                .uid("lines")
                .setParallelism(1)
                .<WordWithCount>flatMap((line, out) -> {
                    for (String word : line.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                        if (!word.isEmpty()) {
                            out.collect(new WordWithCount(word, 1));
                        }
                    }
                })
                .uid("words")
                .keyBy(WordWithCount::word)
                .sum("count")
                .uid("counts")
                .print("count")
                .uid("print");
        return env;
    }

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        build(lines, seed).execute("java-wordcount");
    }
}
