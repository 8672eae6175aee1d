package io.sluice.api;

import io.sluice.api.function.ProcessJoinFunction;
import io.sluice.graph.OperatorSpec;
import java.time.Duration;

/**
 * An interval join being built (Flink's {@code KeyedStream.IntervalJoin}): {@code a.intervalJoin(b).between(lower,
 * upper).process(f)} pairs each {@code a} element at t with each {@code b} element of its key at t' in
 * {@code [t + lower, t + upper]}, in event time.
 */
public final class IntervalJoin<I1, I2, K> {

    private final KeyedStream<I1, K> first;
    private final KeyedStream<I2, K> second;

    IntervalJoin(KeyedStream<I1, K> first, KeyedStream<I2, K> second) {
        this.first = first;
        this.second = second;
    }

    public Bounded between(Duration lower, Duration upper) {
        if (lower.compareTo(upper) > 0) {
            throw new IllegalArgumentException("lower bound " + lower + " is above upper bound " + upper);
        }
        return new Bounded(lower.toMillis(), upper.toMillis(), true, true);
    }

    /** Bounds chosen; optionally exclusive ends, then the function. */
    public final class Bounded {
        private final long lower;
        private final long upper;
        private final boolean lowerInclusive;
        private final boolean upperInclusive;

        private Bounded(long lower, long upper, boolean lowerInclusive, boolean upperInclusive) {
            this.lower = lower;
            this.upper = upper;
            this.lowerInclusive = lowerInclusive;
            this.upperInclusive = upperInclusive;
        }

        public Bounded lowerBoundExclusive() {
            return new Bounded(lower, upper, false, upperInclusive);
        }

        public Bounded upperBoundExclusive() {
            return new Bounded(lower, upper, lowerInclusive, false);
        }

        public <R> SingleOutputStreamOperator<R> process(ProcessJoinFunction<I1, I2, R> function) {
            return new ConnectedStreams<>(first, second).add(new OperatorSpec.IntervalJoin(
                    lower, upper, lowerInclusive, upperInclusive, JavaFunctions.serialize(function)));
        }
    }
}
