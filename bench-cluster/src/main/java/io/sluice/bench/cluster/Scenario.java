package io.sluice.bench.cluster;

import java.util.function.ToLongFunction;

/**
 * What the benchmark runs: the Kafka ceiling, Sluice's scenarios (a)–(e) of issue 5, issue 3's chaos job (running
 * count and sum per key) with and without checkpoints, and Kafka Streams doing (b). Sluice scenarios are JSON specs;
 * each knows how many results it must produce.
 */
enum Scenario {
    CEILING("ceiling (consumer→producer copy)", Kind.CEILING, r -> -1),
    MAP_FILTER("a) Sluice map+filter", Kind.SLUICE, ExpectedResults::mapFilter),
    TUMBLING_EXACTLY_ONCE("b) Sluice tumbling count, EXACTLY_ONCE 1s", Kind.SLUICE, r -> r.tumbling(Scenario.WINDOW)),
    TUMBLING_AT_LEAST_ONCE("c) Sluice tumbling count, AT_LEAST_ONCE 1s", Kind.SLUICE, r -> r.tumbling(Scenario.WINDOW)),
    TUMBLING_NO_CHECKPOINTS("d) Sluice tumbling count, no checkpoints", Kind.SLUICE, r -> r.tumbling(Scenario.WINDOW)),
    SLIDING("e) Sluice sliding count 30s/10s, EXACTLY_ONCE 1s", Kind.SLUICE,
            r -> r.sliding(3 * Scenario.WINDOW, Scenario.WINDOW)),
    SESSION("e) Sluice session count gap 3s, EXACTLY_ONCE 1s", Kind.SLUICE, r -> r.sessions(Scenario.SESSION_GAP)),
    RUNNING_TOTALS_EXACTLY_ONCE("f) Sluice running count+sum per key, EXACTLY_ONCE 1s", Kind.SLUICE, r -> -1),
    RUNNING_TOTALS_NO_CHECKPOINTS("g) Sluice running count+sum per key, no checkpoints", Kind.SLUICE, r -> -1),
    STREAMS_EXACTLY_ONCE("Kafka Streams (b), exactly_once_v2", Kind.STREAMS, r -> r.tumbling(Scenario.WINDOW)),
    STREAMS_AT_LEAST_ONCE("Kafka Streams (b), at_least_once", Kind.STREAMS, r -> r.tumbling(Scenario.WINDOW));

    static final long WINDOW = 10_000;
    static final long SESSION_GAP = 3_000;

    enum Kind { CEILING, SLUICE, STREAMS }

    final String label;
    final Kind kind;
    private final ToLongFunction<ExpectedResults> expected;

    Scenario(String label, Kind kind, ToLongFunction<ExpectedResults> expected) {
        this.label = label;
        this.kind = kind;
        this.expected = expected;
    }

    /** Results this scenario must produce; the ceiling copies every record, a running total updates once per record. */
    long expectedResults(ExpectedResults results, long records) {
        return kind == Kind.CEILING || runningTotals() ? records : expected.applyAsLong(results);
    }

    /**
     * The sum of the {@code count} fields of this scenario's results: for windows each record once per window it
     * falls in (three sliding windows); for running totals 1 + 2 + ... + n over a key's n records, so a lost or
     * repeated record shows in every later count of its key; -1 where results carry no count (ceiling, map+filter).
     */
    long expectedCounted(ExpectedResults results, long records) {
        return switch (this) {
            case CEILING, MAP_FILTER -> -1;
            case SLIDING -> 3 * records;
            case RUNNING_TOTALS_EXACTLY_ONCE, RUNNING_TOTALS_NO_CHECKPOINTS -> results.runningCountsSum();
            default -> records;
        };
    }

    private boolean runningTotals() {
        return this == RUNNING_TOTALS_EXACTLY_ONCE || this == RUNNING_TOTALS_NO_CHECKPOINTS;
    }

    /** The Kafka Streams processing guarantee (Kafka Streams scenarios only). */
    String streamsGuarantee() {
        return this == STREAMS_EXACTLY_ONCE ? "exactly_once_v2" : "at_least_once";
    }

    /**
     * The Sluice job spec for this scenario (Sluice scenarios only).
     *
     * @param sourceRate records per second the source reads over all subtasks, 0 for as fast as it can
     */
    String sluiceSpec(String input, String output, int parallelism, boolean bounded, long sourceRate) {
        String source = """
                {"id": "in", "type": "kafka-source", "topic": "%s", "bounded": %s, "rate": %d%s}""".formatted(input, bounded,
                sourceRate,
                this == MAP_FILTER || runningTotals() ? "" : """
                        , "watermarks": {"timestamp": "ts", "out-of-orderness": "%dms"}""".formatted(
                        Workload.OUT_OF_ORDERNESS_MILLIS));
        String checkpointing = switch (this) {
            case MAP_FILTER, TUMBLING_NO_CHECKPOINTS, RUNNING_TOTALS_NO_CHECKPOINTS -> "";
            case TUMBLING_AT_LEAST_ONCE -> "\"checkpointing\": {\"interval\": \"1s\", \"mode\": \"at-least-once\"},";
            default -> "\"checkpointing\": {\"interval\": \"1s\", \"mode\": \"exactly-once\"},";
        };
        String guarantee = checkpointing.contains("exactly-once") ? "exactly-once" : "at-least-once";
        String middle = switch (this) {
            case MAP_FILTER -> """
                    {"id": "keep", "type": "filter", "input": "in", "condition": "v %% %d != 0"},
                    {"id": "work", "type": "map", "input": "keep", "fields": {"key": "key", "ts": "ts", "v2": "v * 2"}}"""
                    .formatted(ExpectedResults.FILTER_MODULUS);
            case SLIDING -> window("{\"kind\": \"sliding\", \"size\": \"%dms\", \"slide\": \"%dms\"}"
                    .formatted(3 * WINDOW, WINDOW));
            case SESSION -> window("{\"kind\": \"session\", \"gap\": \"%dms\"}".formatted(SESSION_GAP));
            // The job of ExactlyOnceChaosIT: a reduce per key, one updated total per record.
            case RUNNING_TOTALS_EXACTLY_ONCE, RUNNING_TOTALS_NO_CHECKPOINTS -> """
                    {"id": "one", "type": "map", "input": "in", "fields": {"key": "key", "count": "1", "sum": "v"}},
                    {"id": "work", "type": "reduce", "input": "one", "key-by": "key",
                     "fields": {"key": "key", "count": "#acc.count + count", "sum": "#acc.sum + sum"}}""";
            case TUMBLING_EXACTLY_ONCE, TUMBLING_AT_LEAST_ONCE, TUMBLING_NO_CHECKPOINTS ->
                    window("{\"kind\": \"tumbling\", \"size\": \"%dms\"}".formatted(WINDOW));
            default -> throw new IllegalStateException(this + " is not a Sluice scenario");
        };
        return """
                {"name": "bench-%s", "parallelism": %d, %s
                 "operators": [
                  %s,
                  %s,
                  {"id": "out", "type": "kafka-sink", "input": "work", "topic": "%s", "key": "key", "guarantee": "%s"}
                 ]}""".formatted(name().toLowerCase().replace('_', '-'), parallelism, checkpointing, source, middle,
                output, guarantee);
    }

    private static String window(String window) {
        return """
                {"id": "work", "type": "window", "input": "in", "key-by": "key", "window": %s,
                 "aggregate": {"function": "count"}}""".formatted(window);
    }
}
