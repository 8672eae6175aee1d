package io.sluice.runtime.task;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.ChannelWriter;

/**
 * The output of a chain into one edge: routes records with a {@link ChannelSelector}, broadcasts the rest. An edge
 * reads either the main output or one side output of the chain's tail.
 */
final class RecordWriter implements AutoCloseable {

    private final ChannelWriter writer;
    private final ChannelSelector selector;
    private final int downstreamParallelism;
    private final String sideOutput;
    private boolean unflushed;

    /** @param sideOutput the side output this edge carries, or null for the main output */
    RecordWriter(ChannelWriter writer, ChannelSelector selector, int downstreamParallelism, String sideOutput) {
        this.writer = writer;
        this.selector = selector;
        this.downstreamParallelism = downstreamParallelism;
        this.sideOutput = sideOutput;
    }

    /** The side output this edge carries, or null for the main output. */
    String sideOutput() {
        return sideOutput;
    }

    void emit(Object value, long timestamp) throws Exception {
        int target = selector.select(value);
        StreamElement.Record record = new StreamElement.Record(value, timestamp);
        if (target == ChannelSelector.ALL) {
            broadcast(record);
        } else {
            writer.write(target, record);
            unflushed = true;
        }
    }

    /** Watermarks, barriers, end of input: every downstream subtask must see them. */
    void broadcast(StreamElement element) {
        for (int subtask = 0; subtask < downstreamParallelism; subtask++) {
            writer.write(subtask, element);
        }
        unflushed = true;
    }

    /** Sends what the channel writer holds back for batching (cheap to call when idle). */
    void sendBuffered() {
        if (unflushed) {
            writer.sendBuffered();
        }
    }

    /** Flushes if anything was written since the last flush (cheap to call when idle). */
    void flush() {
        if (unflushed) {
            writer.flush();
            unflushed = false;
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
