package io.sluice.runtime.operator;

/** Where an operator emits: the next operator of its chain, or the chain's output channels. */
public interface Output {

    void collect(Object record, long timestamp);

    void emitWatermark(long watermark);
}
