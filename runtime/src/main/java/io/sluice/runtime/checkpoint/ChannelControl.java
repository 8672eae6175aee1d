package io.sluice.runtime.checkpoint;

import java.util.function.IntConsumer;

/**
 * The part of a task's input gate that barrier alignment needs: stop and restart delivery from one input channel.
 * A paused channel delivers nothing (no record, watermark, barrier or end of input) until it is resumed; what it
 * holds meanwhile stays in the transport (a paused Kafka partition), which is why alignment needs no buffers.
 */
public interface ChannelControl {

    void pause(int channel);

    void resume(int channel);

    /** Adapts a gate's methods, e.g. {@code ChannelControl.of(gate::pause, gate::resume)}. */
    static ChannelControl of(IntConsumer pause, IntConsumer resume) {
        return new ChannelControl() {
            @Override
            public void pause(int channel) {
                pause.accept(channel);
            }

            @Override
            public void resume(int channel) {
                resume.accept(channel);
            }
        };
    }
}
