package com.example.clicks;

import io.sluice.api.DataStream;
import io.sluice.api.KeyedStream;
import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.assigners.TumblingEventTimeWindows;
import io.sluice.graph.JobGraph;
import java.time.Duration;

/**
 * Two views of a click stream, keyed by user, written to one Kafka topic as text lines: click sessions (a keyed
 * process function with state and event-time timers, {@link UserSessions}) and clicks per user in 10-second
 * tumbling event-time windows.
 *
 * <p>Arguments: {@code [output-topic [clicks]]}, default {@code java-job-output 10000}.
 */
public final class ClickSessions {

    static final String SESSIONS = "user-sessions";
    static final String WINDOW = "clicks-per-window";
    /** A user who has not clicked for this long (event time) has ended a session. */
    static final Duration SESSION_GAP = Duration.ofSeconds(1);
    static final Duration WINDOW_SIZE = Duration.ofSeconds(10);

    private ClickSessions() {}

    public static void main(String[] args) throws Exception {
        String topic = args.length > 0 ? args[0] : "java-job-output";
        long clicks = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        StreamEnvironment env = StreamEnvironment.create();
        define(env, clicks, topic);
        env.execute("click-sessions");
    }

    /** The job: also what the tests build, to run its operators in the harness. */
    public static JobGraph graph(long clicks, String topic) {
        StreamEnvironment env = StreamEnvironment.create();
        define(env, clicks, topic);
        return env.getJobGraph("click-sessions");
    }

    static void define(StreamEnvironment env, long clicks, String topic) {
        KeyedStream<Click, String> byUser = env.generateSequence(clicks)
                .map(Click::number)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forMonotonousTimestamps()
                        .withTimestampAssigner((click, previous) -> click.timestamp()))
                .keyBy(Click::user);

        DataStream<String> sessions = byUser
                .process(new UserSessions(SESSION_GAP.toMillis()))
                .name(SESSIONS)
                .map(Session::line);

        DataStream<String> windows = byUser
                .window(TumblingEventTimeWindows.of(WINDOW_SIZE))
                .<WindowCount, TimeWindow>process((user, context, elements, out) -> {
                    long count = 0;
                    for (Click ignored : elements) {
                        count++;
                    }
                    out.collect(new WindowCount(user, context.window().end(), count));
                })
                .name(WINDOW)
                .map(WindowCount::line);

        sessions.union(windows).sinkToKafka(topic);
    }
}
