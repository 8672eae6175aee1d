package io.sluice.examples.windowing;

import io.sluice.graph.JobGraph;
import io.sluice.runtime.local.LocalJobRunner;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the windowing examples, as Flink's: {@code --input <file>} reads the example's input format
 * instead of generating data, {@code --output <file>} writes the results (one per line, Flink's tuple format)
 * instead of printing them. Runs the job in this JVM with the local runner.
 */
final class ExampleRun {

    private final Map<String, String> options = new HashMap<>();

    private ExampleRun(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: " + String.join(" ", known.stream()
                        .map(option -> "[" + option + " <value>]").sorted().toList()) + "; got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
    }

    static ExampleRun parse(String[] args, String... extra) {
        Set<String> known = new java.util.HashSet<>(Set.of("--input", "--output"));
        known.addAll(Set.of(extra));
        return new ExampleRun(args, known);
    }

    String get(String option) {
        return options.get(option);
    }

    long getLong(String option, long defaultValue) {
        String value = options.get(option);
        return value == null ? defaultValue : Long.parseLong(value);
    }

    /** Runs the job; its print sink writes to {@code --output} when given, else to standard output. */
    void run(JobGraph job) throws Exception {
        String output = options.get("--output");
        if (output == null) {
            new LocalJobRunner().withUserClassLoader(ExampleRun.class.getClassLoader()).run(job);
            return;
        }
        try (PrintStream out = open(output)) {
            new LocalJobRunner().withUserClassLoader(ExampleRun.class.getClassLoader()).withPrintStream(out).run(job);
        }
    }

    private static PrintStream open(String path) throws IOException {
        return new PrintStream(new FileOutputStream(path), true, StandardCharsets.UTF_8);
    }
}
