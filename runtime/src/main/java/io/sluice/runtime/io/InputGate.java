package io.sluice.runtime.io;

import io.sluice.runtime.StreamElement;
import java.time.Duration;

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

    @Override
    void close();
}
