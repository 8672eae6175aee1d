package io.sluice.examples.windowing;

import io.sluice.api.DataStream;
import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.windowing.assigners.EventTimeSessionWindows;
import io.sluice.graph.JobGraph;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Flink's SessionWindowing: per key, the sum of counts over event-time sessions with a 3 ms gap.
 *
 * <p>{@code SessionWindowing [--input events.csv] [--output out.txt]}: input lines {@code key,timestamp,count};
 * output lines {@code (key,timestamp,sum)}, the session's first element with the counts summed, as Flink's
 * {@code sum(2)}. Without input, Flink's fixed example input.
 */
public final class SessionWindowing {

    /** Prints as Flink's {@code Tuple3<String, Long, Integer>}. */
    public record Event(String key, long timestamp, long count) implements Serializable {
        static Event parse(String line) {
            String[] f = line.split(",");
            return new Event(f[0].trim(), Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim()));
        }

        @Override
        public String toString() {
            return "(" + key + "," + timestamp + "," + count + ")";
        }
    }

    /** The input of Flink's example. */
    static final List<String> FLINK_INPUT = List.of("a,1,1", "b,1,1", "b,3,1", "b,5,1", "c,6,1", "a,10,1", "c,11,1");

    private SessionWindowing() {}

    public static JobGraph build(String input) {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
        DataStream<String> lines = input != null
                ? env.readTextFile(input)
                : env.generateSequence(FLINK_INPUT.size()).map(i -> FLINK_INPUT.get(i.intValue()));
        lines.filter(line -> !line.isBlank())
                .map(Event::parse)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forMonotonousTimestamps()
                        .withTimestampAssigner((event, ts) -> event.timestamp()))
                .keyBy(Event::key)
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(3)))
                .reduce((first, next) -> new Event(first.key(), first.timestamp(), first.count() + next.count()))
                .print();
        return env.getJobGraph("session-windowing");
    }

    public static void main(String[] args) throws Exception {
        ExampleRun run = ExampleRun.parse(args);
        run.run(build(run.get("--input")));
    }
}
