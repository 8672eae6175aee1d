package io.sluice.engine.web;

import java.time.Instant;
import java.util.Optional;

/** Times in responses are epoch milliseconds, -1 when not reached (Flink's convention). */
final class RestTime {

    static final long NONE = -1;

    private RestTime() {}

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(NONE);
    }

    /** From start to end, or to now while not ended; -1 if not started. */
    static long duration(Optional<Instant> start, Optional<Instant> end, Instant now) {
        return start.map(s -> end.orElse(now).toEpochMilli() - s.toEpochMilli()).orElse(NONE);
    }
}
