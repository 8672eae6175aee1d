package io.sluice.runtime.source;

import java.time.Duration;
import java.time.Instant;

/**
 * Paces a source to a rate by the clock, without a token bucket: by time t after the start, {@code rate × t}
 * records may have been emitted. A reader that fell behind catches up in batches; one that is ahead waits.
 */
public final class RatePacer {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerSecond;
    private final Instant start;

    public RatePacer(double ratePerSecond, Instant start) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.start = start;
    }

    /** How many records may have been emitted in total by {@code now}. */
    public long allowedBy(Instant now) {
        long elapsed = Math.max(0, Duration.between(start, now).toNanos());
        return (long) Math.floor(elapsed / NANOS_PER_SECOND * ratePerSecond);
    }

    /** How long from {@code now} until record number {@code emitted + 1} may go out (zero if it may now). */
    public Duration untilNext(long emitted, Instant now) {
        long dueNanos = (long) Math.ceil((emitted + 1) / ratePerSecond * NANOS_PER_SECOND);
        Duration due = Duration.ofNanos(dueNanos).minus(Duration.between(start, now));
        return due.isNegative() ? Duration.ZERO : due;
    }
}
