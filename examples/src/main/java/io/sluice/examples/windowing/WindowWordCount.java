package io.sluice.examples.windowing;

import io.sluice.api.DataStream;
import io.sluice.api.StreamEnvironment;
import io.sluice.graph.JobGraph;
import java.io.Serializable;
import java.util.Locale;

/**
 * Flink's WindowWordCount: words counted in count windows of 250 elements per word, evaluated every 150.
 *
 * <p>{@code WindowWordCount [--input text.txt] [--output out.txt] [--window 250] [--slide 150]}: input is text,
 * split as Flink's tokenizer does (lower case, split on non-word characters); output lines {@code (word,count)}.
 * Without input, generated text lines.
 */
public final class WindowWordCount {

    /** Prints as Flink's {@code Tuple2<String, Integer>}. */
    public record WordCount(String word, long count) implements Serializable {
        @Override
        public String toString() {
            return "(" + word + "," + count + ")";
        }
    }

    private WindowWordCount() {}

    public static JobGraph build(String input, long windowSize, long slideSize) {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
        DataStream<String> text = input != null ? env.readTextFile(input) : env.generateText(10_000, 42);
        text.<WordCount>flatMap((line, out) -> {
                    for (String token : line.toLowerCase(Locale.ROOT).split("\\W+")) {
                        if (!token.isEmpty()) {
                            out.collect(new WordCount(token, 1));
                        }
                    }
                })
                .keyBy(WordCount::word)
                .countWindow(windowSize, slideSize)
                .reduce((a, b) -> new WordCount(a.word(), a.count() + b.count()))
                .print();
        return env.getJobGraph("window-word-count");
    }

    public static void main(String[] args) throws Exception {
        ExampleRun run = ExampleRun.parse(args, "--window", "--slide");
        run.run(build(run.get("--input"), run.getLong("--window", 250), run.getLong("--slide", 150)));
    }
}
