package io.sluice.runtime.io;

import io.sluice.runtime.StreamElement;
import java.time.Duration;
import java.util.List;

/**
 * The input channels of a task. Channel numbers are 0..n-1: for each input {@code ChannelSpec} of the chain in
 * plan order, one channel per upstream subtask. Elements of one channel arrive in order.
 */
public interface InputGate extends AutoCloseable {

    @FunctionalInterface
    interface ElementHandler {
        void accept(int channel, StreamElement element) throws Exception;
    }

    int numberOfChannels();

    /** Waits at most {@code maxWait} for elements, hands each to the handler, returns. */
    void poll(Duration maxWait, ElementHandler handler) throws Exception;

    /** Stops delivering from a channel (barrier alignment) until {@link #resume}. */
    void pause(int channel);

    void resume(int channel);

    /**
     * Where {@code channel} resumes after a restore: just past the last element delivered (or dropped as being
     * from an older attempt). Taken at a barrier, it is the position just after that barrier.
     */
    default long position(int channel) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no channel positions");
    }

    /** Before the first poll: read {@code channel} from {@code position} on (a {@link #position} of a snapshot). */
    default void seek(int channel, long position) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot seek");
    }

    /**
     * A completed checkpoint restores every channel at or past {@code positions} (one per channel, as
     * {@link #position} gave them at its barrier): what lies before them is never read again, and the transport
     * may delete it so that channels do not grow without bound. Task thread only; need not be done at once.
     */
    default void discardBefore(List<Long> positions) {}

    /** Encoded bytes received so far, for metrics; 0 where the transport does not encode. Task thread only. */
    default long bytesRead() {
        return 0;
    }

    /** Elements waiting in {@code channel} that this gate has not delivered yet; -1 if unknown. Task thread only. */
    default long lag(int channel) {
        return -1;
    }

    @Override
    void close();
}
