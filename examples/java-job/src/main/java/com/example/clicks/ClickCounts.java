package com.example.clicks;

import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.assigners.TumblingEventTimeWindows;
import io.sluice.graph.JobGraph;
import java.time.Duration;

/**
 * Clicks per user in 10-second event-time windows (the window's timers fire as the watermark passes its end),
 * with a running total per user kept in keyed state (a keyed reduce), written to a Kafka topic as text lines.
 *
 * <p>Arguments: {@code [output-topic [clicks]]}, default {@code java-job-output 10000}.
 */
public final class ClickCounts {

    static final String WINDOW = "clicks-per-window";
    static final String TOTAL = "running-total";

    private ClickCounts() {}

    public static void main(String[] args) throws Exception {
        String topic = args.length > 0 ? args[0] : "java-job-output";
        long clicks = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        StreamEnvironment env = StreamEnvironment.create();
        define(env, clicks, topic);
        env.execute("click-counts");
    }

    /** The job: also what the tests build, to run its operators in the harness. */
    public static JobGraph graph(long clicks, String topic) {
        StreamEnvironment env = StreamEnvironment.create();
        define(env, clicks, topic);
        return env.getJobGraph("click-counts");
    }

    static void define(StreamEnvironment env, long clicks, String topic) {
        env.generateSequence(clicks)
                .map(Click::number)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forMonotonousTimestamps()
                        .withTimestampAssigner((click, previous) -> click.timestamp()))
                .keyBy(Click::user)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .<WindowCount, TimeWindow>process((user, context, elements, out) -> {
                    long count = 0;
                    for (Click ignored : elements) {
                        count++;
                    }
                    out.collect(new WindowCount(user, context.window().end(), count, count));
                })
                .name(WINDOW)
                .keyBy(WindowCount::user)
                .reduce((total, next) -> total.then(next))
                .name(TOTAL)
                .map(WindowCount::line)
                .sinkToKafka(topic);
    }
}
