package io.sluice.runtime.process;

import io.sluice.api.OutputTag;
import io.sluice.api.function.Collector;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.operator.Output;

/**
 * Emits what a function collects with the timestamp of what is being processed: the input record's, a firing
 * event-time timer's, or none (a processing-time timer), as Flink does.
 */
final class TimestampedCollector implements Collector<Object> {

    private final Output output;
    private long timestamp = StreamElement.NO_TIMESTAMP;

    TimestampedCollector(Output output) {
        this.output = output;
    }

    void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    long timestamp() {
        return timestamp;
    }

    /** The current timestamp as the API shows it: null when there is none. */
    Long apiTimestamp() {
        return timestamp == StreamElement.NO_TIMESTAMP ? null : timestamp;
    }

    @Override
    public void collect(Object record) {
        output.collect(record, timestamp);
    }

    <X> void side(OutputTag<X> tag, X value) {
        output.collectSide(tag.getId(), value, timestamp);
    }
}
