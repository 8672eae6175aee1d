package io.sluice.examples.windowing;

import io.sluice.api.DataStream;
import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.windowing.assigners.TumblingEventTimeWindows;
import io.sluice.graph.JobGraph;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Flink's WindowJoin: grades and salaries joined by name in 2000 ms tumbling event-time windows.
 *
 * <p>{@code WindowJoin [--grades grades.csv --salaries salaries.csv | --input both.csv] [--output out.txt]
 * [--window 2000]}: grade lines {@code timestamp,name,grade}, salary lines {@code timestamp,name,salary}; a single
 * {@code --input} file holds both with a first column {@code grade} or {@code salary}. Output lines
 * {@code (name,grade,salary)} as Flink prints its Tuple3. Without input, generated grades and salaries (names and
 * values from a fixed seed, a record every 10 ms of event time per stream).
 */
public final class WindowJoin {

    /** A timestamped (name, value) of one stream. */
    public record Tagged(String stream, long timestamp, String name, long value) implements Serializable {
        static Tagged parse(String stream, String line) {
            String[] f = line.split(",");
            return new Tagged(stream, Long.parseLong(f[0].trim()), f[1].trim(), Long.parseLong(f[2].trim()));
        }

        static Tagged parseTagged(String line) {
            int comma = line.indexOf(',');
            return parse(line.substring(0, comma).trim(), line.substring(comma + 1));
        }
    }

    /** Prints as Flink's {@code Tuple3<String, Integer, Integer>}. */
    public record Joined(String name, long grade, long salary) implements Serializable {
        @Override
        public String toString() {
            return "(" + name + "," + grade + "," + salary + ")";
        }
    }

    static final List<String> NAMES = List.of("tom", "jerry", "alice", "bob", "john", "grace");

    private WindowJoin() {}

    public static JobGraph build(String grades, String salaries, String both, long windowMillis, long count) {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
        DataStream<Tagged> gradeStream;
        DataStream<Tagged> salaryStream;
        if (both != null) {
            DataStream<Tagged> all = env.readTextFile(both).filter(l -> !l.isBlank()).map(Tagged::parseTagged);
            gradeStream = all.filter(t -> t.stream().equals("grade"));
            salaryStream = all.filter(t -> t.stream().equals("salary"));
        } else if (grades != null && salaries != null) {
            gradeStream = env.readTextFile(grades).filter(l -> !l.isBlank()).map(l -> Tagged.parse("grade", l));
            salaryStream = env.readTextFile(salaries).filter(l -> !l.isBlank()).map(l -> Tagged.parse("salary", l));
        } else {
            gradeStream = env.generateSequence(count).map(i -> generated("grade", i, 1, 5));
            salaryStream = env.generateSequence(count).map(i -> generated("salary", i, 1, 10_000));
        }
        stamped(gradeStream).join(stamped(salaryStream))
                .where(Tagged::name).equalTo(Tagged::name)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(windowMillis)))
                .apply((Tagged grade, Tagged salary) -> new Joined(grade.name(), grade.value(), salary.value()))
                .print();
        return env.getJobGraph("window-join");
    }

    private static Tagged generated(String stream, long index, long min, long max) {
        java.util.Random random = new java.util.Random(index * 31 + stream.hashCode());
        return new Tagged(stream, index * 10, NAMES.get(random.nextInt(NAMES.size())), min + random.nextInt((int) max));
    }

    private static DataStream<Tagged> stamped(DataStream<Tagged> stream) {
        return stream.assignTimestampsAndWatermarks(WatermarkStrategy.<Tagged>forBoundedOutOfOrderness(Duration.ZERO)
                .withTimestampAssigner((tagged, ts) -> tagged.timestamp()));
    }

    public static void main(String[] args) throws Exception {
        ExampleRun run = ExampleRun.parse(args, "--grades", "--salaries", "--window", "--count");
        run.run(build(run.get("--grades"), run.get("--salaries"), run.get("--input"), run.getLong("--window", 2000),
                run.getLong("--count", 1000)));
    }
}
