package io.sluice.runtime.metrics;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.ChannelWriter;

/**
 * A channel writer whose blocking is counted as back-pressure: the time a write or flush takes is time the task
 * waits for its output to be taken (a full in-memory channel, a full producer buffer, unacknowledged sends).
 */
final class MeteredChannelWriter implements ChannelWriter {

    private final ChannelWriter delegate;
    private final TaskMetricsCollector collector;

    MeteredChannelWriter(ChannelWriter delegate, TaskMetricsCollector collector) {
        this.delegate = delegate;
        this.collector = collector;
    }

    @Override
    public void write(int downstreamSubtask, StreamElement element) {
        long start = System.nanoTime();
        try {
            delegate.write(downstreamSubtask, element);
        } finally {
            collector.backPressured(System.nanoTime() - start);
        }
    }

    @Override
    public void flush() {
        long start = System.nanoTime();
        try {
            delegate.flush();
        } finally {
            collector.backPressured(System.nanoTime() - start);
        }
    }

    @Override
    public long bytesWritten() {
        return delegate.bytesWritten();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
