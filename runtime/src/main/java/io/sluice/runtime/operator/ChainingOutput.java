package io.sluice.runtime.operator;

/** Emits straight into the next operator of a chain: how fused operators hand records on, without a channel. */
public record ChainingOutput(Operator next) implements Output {

    @Override
    public void collect(Object record, long timestamp) {
        try {
            next.processElement(record, timestamp);
        } catch (Exception e) {
            throw OperatorException.wrap(e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        try {
            next.processWatermark(watermark);
        } catch (Exception e) {
            throw OperatorException.wrap(e);
        }
    }
}
