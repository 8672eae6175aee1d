package io.sluice.runtime.task;

import io.sluice.runtime.StreamElement.Watermark;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Event time of a task with several input channels: the minimum of the channels' watermarks. Channels that
 * ended, and channels that said they are idle ({@link Watermark#IDLE}) until they send a watermark again, no longer
 * hold it back. Reports a new combined watermark only when it advances; reports {@link Watermark#IDLE} once when
 * every channel still open is idle, and the combined watermark again when one becomes active.
 */
final class InputWatermarks {

    private static final long NONE = Long.MIN_VALUE;

    private final long[] watermarks;
    private final boolean[] ended;
    private final boolean[] idle;
    private long combined = NONE;
    private boolean reportedIdle;

    InputWatermarks(int channels) {
        watermarks = new long[channels];
        Arrays.fill(watermarks, NONE);
        ended = new boolean[channels];
        idle = new boolean[channels];
    }

    /** The new combined watermark (or the idle marker), if this one changes it. */
    OptionalLong onWatermark(int channel, long watermark) {
        if (Watermark.isIdle(watermark)) {
            idle[channel] = true;
        } else {
            idle[channel] = false;
            watermarks[channel] = Math.max(watermarks[channel], watermark);
        }
        return advance();
    }

    OptionalLong onEndOfInput(int channel) {
        ended[channel] = true;
        return advance();
    }

    private OptionalLong advance() {
        long min = Long.MAX_VALUE;
        boolean active = false;
        boolean open = false;
        for (int channel = 0; channel < watermarks.length; channel++) {
            if (!ended[channel]) {
                open = true;
                if (!idle[channel]) {
                    active = true;
                    min = Math.min(min, watermarks[channel]);
                }
            }
        }
        if (!active) {
            if (open && !reportedIdle) {
                reportedIdle = true;
                return OptionalLong.of(Watermark.IDLE);
            }
            return OptionalLong.empty();
        }
        if (reportedIdle) {
            // Active again: downstream needs a real watermark to stop treating this task as idle.
            reportedIdle = false;
            combined = Math.max(combined, min);
            return combined == NONE ? OptionalLong.empty() : OptionalLong.of(combined);
        }
        if (min <= combined) {
            return OptionalLong.empty();
        }
        combined = min;
        return OptionalLong.of(min);
    }
}
