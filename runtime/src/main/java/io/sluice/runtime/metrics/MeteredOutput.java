package io.sluice.runtime.metrics;

import io.sluice.runtime.operator.Output;

/**
 * The output of one operator of a chain, counted: what it emits is its output and the input of the next operator
 * in the chain, if there is one (after the tail, the task's writers take over).
 */
final class MeteredOutput implements Output {

    private final Output delegate;
    private final OperatorCounters emitter;
    /** Null after the chain's tail. */
    private final OperatorCounters next;

    MeteredOutput(Output delegate, OperatorCounters emitter, OperatorCounters next) {
        this.delegate = delegate;
        this.emitter = emitter;
        this.next = next;
    }

    @Override
    public void collect(Object record, long timestamp) {
        emitter.recordsOut++;
        if (next != null) {
            next.recordsIn++;
        }
        delegate.collect(record, timestamp);
    }

    /** Side outputs leave the chain through channels: they count as output, no chained operator reads them. */
    @Override
    public void collectSide(String tag, Object record, long timestamp) {
        emitter.recordsOut++;
        delegate.collectSide(tag, record, timestamp);
    }

    @Override
    public void emitWatermark(long watermark) {
        emitter.outputWatermark = watermark;
        if (next != null) {
            next.inputWatermark = watermark;
        }
        delegate.emitWatermark(watermark);
    }
}
