package io.sluice.runtime.metrics;

import io.sluice.protocol.SubtaskMetrics;

/** Records and watermarks through one operator of a chain. Task thread only. */
public final class OperatorCounters {

    private final String vertexId;
    long recordsIn;
    long recordsOut;
    long inputWatermark = SubtaskMetrics.NO_WATERMARK;
    long outputWatermark = SubtaskMetrics.NO_WATERMARK;

    OperatorCounters(String vertexId) {
        this.vertexId = vertexId;
    }

    public String vertexId() {
        return vertexId;
    }

    public void recordIn() {
        recordsIn++;
    }

    public void watermarkIn(long watermark) {
        inputWatermark = watermark;
    }
}
