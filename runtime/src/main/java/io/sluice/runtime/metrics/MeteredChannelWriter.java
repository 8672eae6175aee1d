package io.sluice.runtime.metrics;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.ChannelWriter;

/**
 * A channel writer whose blocking is counted: the time a write takes is back-pressure (a full in-memory channel, a
 * full producer buffer). Tasks flush only when they have no input, so a flush (waiting for the broker to acknowledge
 * what was sent) counts as idle: with Kafka between tasks it measures the broker, not the downstream.
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
            collector.idle(System.nanoTime() - start);
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
