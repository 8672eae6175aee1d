package io.sluice.runtime.source;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The car events of Flink's TopSpeedWindowing source, made deterministic: {@value #CARS} cars start at speed 50 and
 * distance 0; every step (100 ms of event time from {@link #START}) each car in turn, on a coin flip of one
 * {@code Random(seed)}, speeds up or slows down by 5 (kept within 0..100), then drives {@code speed / 3.6} metres.
 * Event i is car {@code i % CARS} at step {@code i / CARS}: rows {carId, speed, distance, timestamp}. Events are
 * computed in order; asking for an earlier one replays from the start.
 */
final class CarEvents {

    static final int CARS = 2;
    /** Event time of step 0. */
    static final long START = 1_424_951_918_630L;
    static final long STEP_MILLIS = 100;

    private final long seed;
    private Random random;
    private int[] speeds;
    private double[] distances;
    /** The index of the next event the state describes. */
    private long next;

    CarEvents(long seed) {
        this.seed = seed;
        reset();
    }

    Map<String, Object> event(long index) {
        if (index < next - 1 || next == 0) {
            reset();
        }
        while (next <= index) {
            int car = (int) (next % CARS);
            if (random.nextBoolean()) {
                speeds[car] = Math.min(100, speeds[car] + 5);
            } else {
                speeds[car] = Math.max(0, speeds[car] - 5);
            }
            distances[car] += speeds[car] / 3.6d;
            next++;
        }
        int car = (int) (index % CARS);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("carId", car);
        row.put("speed", speeds[car]);
        row.put("distance", distances[car]);
        row.put("timestamp", START + (index / CARS) * STEP_MILLIS);
        return row;
    }

    private void reset() {
        random = new Random(seed);
        speeds = new int[CARS];
        distances = new double[CARS];
        Arrays.fill(speeds, 50);
        next = 0;
    }
}
