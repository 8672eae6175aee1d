package io.sluice.runtime.local;

import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.StreamElementCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** The input channels of one local task, numbered as {@link InputGate} says, read fairly in small batches. */
final class InMemoryInputGate implements InputGate {

    /** Elements taken from one channel per round, so one busy channel cannot starve the others. */
    private static final int BATCH_PER_CHANNEL = 64;

    private final InMemoryChannels channels;
    private final List<BlockingQueue<byte[]>> queues = new ArrayList<>();
    private final boolean[] paused;
    private final Doorbell doorbell;
    private final StreamElementCodec codec;

    InMemoryInputGate(InMemoryChannels channels, List<ChannelSpec> inputs, int subtask, ClassLoader userClassLoader) {
        this.channels = channels;
        for (ChannelSpec input : inputs) {
            for (int upstream = 0; upstream < input.upstreamParallelism(); upstream++) {
                queues.add(channels.queue(input, upstream, subtask));
            }
        }
        this.paused = new boolean[queues.size()];
        this.doorbell = inputs.isEmpty() ? new Doorbell() : channels.doorbell(inputs.get(0).targetChain(), subtask);
        this.codec = new StreamElementCodec(userClassLoader);
    }

    @Override
    public int numberOfChannels() {
        return queues.size();
    }

    @Override
    public void poll(Duration maxWait, ElementHandler handler) throws Exception {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (drain(handler) == 0 && !channels.isClosed()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            doorbell.await(remaining, TimeUnit.NANOSECONDS);
        }
    }

    private int drain(ElementHandler handler) throws Exception {
        int delivered = 0;
        for (int channel = 0; channel < queues.size(); channel++) {
            for (int i = 0; i < BATCH_PER_CHANNEL && !paused[channel]; i++) {
                byte[] bytes = queues.get(channel).poll();
                if (bytes == null) {
                    break;
                }
                handler.accept(channel, codec.decode(bytes));
                delivered++;
            }
        }
        return delivered;
    }

    @Override
    public void pause(int channel) {
        paused[channel] = true;
    }

    @Override
    public void resume(int channel) {
        paused[channel] = false;
    }

    @Override
    public void close() {}
}
