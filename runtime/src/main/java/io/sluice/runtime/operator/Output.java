package io.sluice.runtime.operator;

/** Where an operator emits: the next operator of its chain, or the chain's output channels. */
public interface Output {

    void collect(Object record, long timestamp);

    void emitWatermark(long watermark);

    /**
     * Emits to the operator's side output {@code tag}. Edges that read a side output are never chained, so only the
     * chain's channel output routes these; inside a chain nobody reads them and they are dropped.
     */
    default void collectSide(String tag, Object record, long timestamp) {}
}
