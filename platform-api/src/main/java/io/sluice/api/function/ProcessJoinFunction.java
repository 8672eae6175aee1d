package io.sluice.api.function;

import io.sluice.api.OutputTag;
import java.io.Serializable;

/**
 * Called for every pair of an interval join (Flink's {@code ProcessJoinFunction}).
 *
 * @param <I1> first (left) input type
 * @param <I2> second (right) input type
 */
public abstract class ProcessJoinFunction<I1, I2, O> implements Serializable {

    private static final long serialVersionUID = 1L;

    public abstract void processElement(I1 left, I2 right, Context ctx, Collector<O> out) throws Exception;

    /** The pair's timestamps. */
    public interface Context {
        long getLeftTimestamp();

        long getRightTimestamp();

        /** The result's timestamp: the larger of the two. */
        long getTimestamp();

        <X> void output(OutputTag<X> tag, X value);
    }
}
