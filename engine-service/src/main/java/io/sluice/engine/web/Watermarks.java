package io.sluice.engine.web;

import io.sluice.protocol.SubtaskMetrics;

/** Watermarks in responses: epoch millis, or null where none has arrived yet (Flink shows "No Watermark"). */
final class Watermarks {

    private Watermarks() {}

    static Long rest(long watermark) {
        return watermark == SubtaskMetrics.NO_WATERMARK ? null : watermark;
    }
}
