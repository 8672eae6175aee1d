package io.sluice.examples.windowing;

import io.sluice.api.DataStream;
import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.windowing.assigners.GlobalWindows;
import io.sluice.api.windowing.evictors.Evictors;
import io.sluice.api.windowing.triggers.Triggers;
import io.sluice.graph.JobGraph;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Flink's TopSpeedWindowing: per car, the top speed of the last 10 seconds, emitted each time the car has driven
 * more than 50 metres since the last emission. Global windows per car, a delta trigger (threshold 50 on distance,
 * against the element that fired last, not purging), a 10 s time evictor before each evaluation, maxBy speed.
 *
 * <p>{@code TopSpeedWindowing [--input cars.csv] [--output out.txt] [--events N] [--seed S]}: input lines
 * {@code carId,speed,distance,timestamp}; output lines {@code (carId,speed,distance,timestamp)} as Flink prints its
 * Tuple4. Without input, N events of the Flink-like car generator (2 cars, a step every 100 ms).
 */
public final class TopSpeedWindowing {

    /** One car reading; prints as Flink's {@code Tuple4<Integer, Integer, Double, Long>}. */
    public record CarEvent(int carId, int speed, double distance, long timestamp) implements Serializable {

        static CarEvent parse(String line) {
            String[] f = line.split(",");
            return new CarEvent(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                    Double.parseDouble(f[2].trim()), Long.parseLong(f[3].trim()));
        }

        static CarEvent of(Map<String, Object> row) {
            return new CarEvent(((Number) row.get("carId")).intValue(), ((Number) row.get("speed")).intValue(),
                    ((Number) row.get("distance")).doubleValue(), ((Number) row.get("timestamp")).longValue());
        }

        @Override
        public String toString() {
            return "(" + carId + "," + speed + "," + distance + "," + timestamp + ")";
        }
    }

    private TopSpeedWindowing() {}

    /** @param input a CSV file of car events, or null to generate {@code events} of them */
    public static JobGraph build(String input, long events, long seed) {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
        DataStream<CarEvent> cars = input != null
                ? env.readTextFile(input).filter(line -> !line.isBlank()).map(CarEvent::parse)
                : env.generateCars(events, seed).map(CarEvent::of);
        cars.assignTimestampsAndWatermarks(WatermarkStrategy.<CarEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((car, ts) -> car.timestamp()))
                .keyBy(CarEvent::carId)
                .window(GlobalWindows.create())
                .evictor(Evictors.time(Duration.ofSeconds(10)))
                .trigger(Triggers.delta(50, (CarEvent old, CarEvent now) -> now.distance() - old.distance()))
                .maxBy("speed")
                .print();
        return env.getJobGraph("top-speed-windowing");
    }

    public static void main(String[] args) throws Exception {
        ExampleRun run = ExampleRun.parse(args, "--events", "--seed");
        run.run(build(run.get("--input"), run.getLong("--events", 2_000), run.getLong("--seed", 42)));
    }
}
