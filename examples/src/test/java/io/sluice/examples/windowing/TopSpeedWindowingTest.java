package io.sluice.examples.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TopSpeedWindowing and SessionWindowing examples run with {@code --input}/{@code --output} as Flink's would.
 *
 * <p>How the expected TopSpeedWindowing output is derived: the test writes car events the way Flink's CarSource
 * makes them (3 cars here, speed random walk by 5 within 0..100, distance += speed / 3.6, 100 ms apart), and
 * replays them through a reference written from Flink's documented semantics, per car in arrival order: the element
 * joins the global window's buffer; Flink's DeltaTrigger keeps the last element that fired (the first element only
 * sets it) and fires when {@code distance - last.distance > 50}, remembering the new element; on firing, Flink's
 * TimeEvictor drops the buffered elements with {@code timestamp <= max timestamp - 10000} (they stay dropped), then
 * maxBy(speed) emits the first element with the highest speed. Lines print as Flink's Tuple4.
 */
class TopSpeedWindowingTest {

    private record Car(int id, int speed, double distance, long timestamp) {
        String line() {
            return id + "," + speed + "," + distance + "," + timestamp;
        }

        String tuple() {
            return "(" + id + "," + speed + "," + distance + "," + timestamp + ")";
        }
    }

    private static List<Car> carSource(int cars, int steps, long seed) {
        Random random = new Random(seed);
        int[] speeds = new int[cars];
        double[] distances = new double[cars];
        java.util.Arrays.fill(speeds, 50);
        List<Car> events = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            for (int car = 0; car < cars; car++) {
                speeds[car] = random.nextBoolean() ? Math.min(100, speeds[car] + 5) : Math.max(0, speeds[car] - 5);
                distances[car] += speeds[car] / 3.6d;
                events.add(new Car(car, speeds[car], distances[car], 1_000_000L + step * 100L));
            }
        }
        return events;
    }

    private static List<String> flinkReference(List<Car> events) {
        Map<Integer, List<Car>> buffers = new HashMap<>();
        Map<Integer, Car> lastFired = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Car car : events) {
            List<Car> buffer = buffers.computeIfAbsent(car.id(), k -> new ArrayList<>());
            buffer.add(car);
            Car last = lastFired.get(car.id());
            if (last == null) {
                lastFired.put(car.id(), car);
                continue;
            }
            if (car.distance() - last.distance() <= 50) {
                continue;
            }
            lastFired.put(car.id(), car);
            long newest = buffer.stream().mapToLong(Car::timestamp).max().orElseThrow();
            buffer.removeIf(c -> c.timestamp() <= newest - 10_000);
            Car top = buffer.get(0);
            for (Car c : buffer) {
                if (c.speed() > top.speed()) {
                    top = c;
                }
            }
            out.add(top.tuple());
        }
        return out;
    }

    @Test
    void topSpeedWindowingOnAFixedInputGivesFlinksOutput(@TempDir Path dir) throws Exception {
        List<Car> events = carSource(3, 1500, 7);
        Path input = dir.resolve("cars.csv");
        Path output = dir.resolve("out.txt");
        Files.write(input, events.stream().map(Car::line).toList());

        TopSpeedWindowing.main(new String[] {"--input", input.toString(), "--output", output.toString()});

        List<String> expected = flinkReference(events);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(Files.readAllLines(output)).containsExactlyElementsOf(expected);
    }

    @Test
    void sessionWindowingOnFlinksInputGivesFlinksOutput(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out.txt");
        SessionWindowing.main(new String[] {"--output", output.toString()});
        // Flink's example output for its fixed input (sessions with a 3 ms gap; b's three elements merge).
        assertThat(Files.readAllLines(output))
                .containsExactlyInAnyOrder("(a,1,1)", "(b,1,3)", "(c,6,1)", "(a,10,1)", "(c,11,1)");
    }
}
