package io.sluice.examples;

import io.sluice.api.StreamEnvironment;
import io.sluice.api.SingleOutputStreamOperator;
import io.sluice.graph.JobGraph;
import io.sluice.runtime.local.LocalJobRunner;
import io.sluice.worker.io.kafka.KafkaClients;
import io.sluice.worker.io.kafka.KafkaTaskIo;
import java.io.Serializable;
import java.util.Locale;

/**
 * WordCount with the Java API: generated text → split into words → keyBy word → rolling sum → a Kafka topic (or
 * standard output). It runs in this JVM with the runtime's local executor, the Kafka sink through the worker's
 * Kafka connector; submitting Java jobs to a cluster comes with jar upload.
 *
 * <p>{@code WordCount [--lines N] [--seed S] [--bootstrap host:port --topic T]}
 */
public final class WordCount {

    /** A word and how often it has been seen so far. */
    public record WordWithCount(String word, long count) implements Serializable {}

    private WordCount() {}

    /** The job; {@code topic} null prints the counts instead of writing them to Kafka. */
    public static JobGraph build(long lines, long seed, String topic) {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        SingleOutputStreamOperator<WordWithCount> counts = env.generateText(lines, seed)
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
                .uid("counts");
        if (topic == null) {
            counts.print("count").uid("print");
        } else {
            counts.sinkToKafka(topic, WordWithCount::word).uid("out");
        }
        return env.getJobGraph("java-wordcount");
    }

    /** Runs the job here, with Kafka sources and sinks going to {@code bootstrapServers}. */
    public static void runWithKafka(JobGraph job, String bootstrapServers) throws Exception {
        ClassLoader loader = WordCount.class.getClassLoader();
        try (KafkaClients clients = new KafkaClients(bootstrapServers, "java-wordcount")) {
            new LocalJobRunner()
                    .withUserClassLoader(loader)
                    .withKafka(task -> new KafkaTaskIo(clients, task, 0, loader))
                    .run(job);
        }
    }

    public static void main(String[] args) throws Exception {
        long lines = 1_000;
        long seed = 42;
        String bootstrap = null;
        String topic = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--topic" -> topic = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if ((bootstrap == null) != (topic == null)) {
            throw new IllegalArgumentException("--bootstrap and --topic go together");
        }
        JobGraph job = build(lines, seed, topic);
        if (bootstrap == null) {
            new LocalJobRunner().run(job);
        } else {
            runWithKafka(job, bootstrap);
        }
    }
}
