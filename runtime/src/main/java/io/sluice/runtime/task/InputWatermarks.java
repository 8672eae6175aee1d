package io.sluice.runtime.task;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Event time of a task with several input channels: the minimum of the channels' watermarks. Channels that
 * ended no longer hold it back. Reports a new combined watermark only when it advances.
 */
final class InputWatermarks {

    private static final long NONE = Long.MIN_VALUE;

    private final long[] watermarks;
    private final boolean[] ended;
    private long combined = NONE;

    InputWatermarks(int channels) {
        watermarks = new long[channels];
        Arrays.fill(watermarks, NONE);
        ended = new boolean[channels];
    }

    /** The new combined watermark, if this one advances it. */
    OptionalLong onWatermark(int channel, long watermark) {
        watermarks[channel] = Math.max(watermarks[channel], watermark);
        return advance();
    }

    OptionalLong onEndOfInput(int channel) {
        ended[channel] = true;
        return advance();
    }

    private OptionalLong advance() {
        long min = Long.MAX_VALUE;
        boolean live = false;
        for (int channel = 0; channel < watermarks.length; channel++) {
            if (!ended[channel]) {
                live = true;
                min = Math.min(min, watermarks[channel]);
            }
        }
        if (!live || min <= combined) {
            return OptionalLong.empty();
        }
        combined = min;
        return OptionalLong.of(min);
    }
}
