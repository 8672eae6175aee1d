package io.sluice.runtime.io;

import io.sluice.runtime.StreamElement;

/** Writes elements of one upstream subtask into the channels of one edge (one per downstream subtask). */
public interface ChannelWriter extends AutoCloseable {

    void write(int downstreamSubtask, StreamElement element);

    /** Makes everything written so far visible downstream. */
    void flush();

    /**
     * Hands elements a transport holds back to batch them to that transport, without waiting for it. The task calls
     * this after each poll of its source or inputs, so an element waits at most for the rest of one poll.
     */
    default void sendBuffered() {}

    /** Encoded bytes written so far, for metrics; 0 where the transport does not encode. Task thread only. */
    default long bytesWritten() {
        return 0;
    }

    @Override
    void close();
}
