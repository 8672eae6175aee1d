package io.sluice.bench.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * End-to-end latency of results seen by a {@link SinkWatcher}: visibility time minus the time the result's input was
 * created. Input records carry their creation time as event time and Kafka timestamp, and copies keep it; a window
 * result cannot exist before its window's last millisecond was created, so its latency counts from
 * {@code window-end - 1}. Only meaningful when input is created live ({@code BenchmarkMain}'s latency phase); the
 * throughput phase reads preloaded input and records nothing.
 */
final class LatencyRecorder {

    private static final byte[] WINDOW_END = "\"window-end\":".getBytes(StandardCharsets.UTF_8);

    private final long notBefore;
    private long[] values = new long[1024];
    private int size;

    /** @param notBefore results created before this wall-clock millis are warm-up and not recorded */
    LatencyRecorder(long notBefore) {
        this.notBefore = notBefore;
    }

    static LatencyRecorder off() {
        return new LatencyRecorder(Long.MAX_VALUE);
    }

    void visible(ConsumerRecord<byte[], byte[]> record, long visibleMillis) {
        if (notBefore == Long.MAX_VALUE) {
            return;
        }
        long windowEnd = windowEnd(record.value());
        long created = windowEnd != Long.MIN_VALUE ? windowEnd - 1 : record.timestamp();
        if (created < notBefore) {
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = visibleMillis - created;
    }

    int size() {
        return size;
    }

    /** The q-quantile (0..1) of the recorded latencies in millis, nearest rank; NaN when nothing was recorded. */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    /** The number after {@code "window-end":} in a JSON value, or Long.MIN_VALUE if there is none. */
    static long windowEnd(byte[] json) {
        if (json == null) {
            return Long.MIN_VALUE;
        }
        outer:
        for (int i = 0; i + WINDOW_END.length < json.length; i++) {
            for (int j = 0; j < WINDOW_END.length; j++) {
                if (json[i + j] != WINDOW_END[j]) {
                    continue outer;
                }
            }
            long value = 0;
            int k = i + WINDOW_END.length;
            while (k < json.length && json[k] == ' ') {
                k++;
            }
            while (k < json.length && json[k] >= '0' && json[k] <= '9') {
                value = value * 10 + (json[k++] - '0');
            }
            return value;
        }
        return Long.MIN_VALUE;
    }
}
