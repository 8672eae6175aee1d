package io.sluice.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputWatermarksTest {

    @Test
    void forwardsTheMinimumOverChannelsWhenItAdvances() {
        InputWatermarks watermarks = new InputWatermarks(3);
        assertThat(watermarks.onWatermark(0, 10)).isEmpty();
        assertThat(watermarks.onWatermark(1, 20)).isEmpty();
        assertThat(watermarks.onWatermark(2, 5)).hasValue(5);
        assertThat(watermarks.onWatermark(2, 30)).hasValue(10);
        assertThat(watermarks.onWatermark(1, 25)).isEmpty();
        assertThat(watermarks.onWatermark(0, 40)).hasValue(25);
    }

    @Test
    void ignoresWatermarksThatGoBack() {
        InputWatermarks watermarks = new InputWatermarks(1);
        assertThat(watermarks.onWatermark(0, 10)).hasValue(10);
        assertThat(watermarks.onWatermark(0, 3)).isEmpty();
        assertThat(watermarks.onWatermark(0, 11)).hasValue(11);
    }

    @Test
    void endedChannelsNoLongerHoldEventTimeBack() {
        InputWatermarks watermarks = new InputWatermarks(2);
        assertThat(watermarks.onWatermark(0, 10)).isEmpty();
        assertThat(watermarks.onEndOfInput(1)).hasValue(10);
        assertThat(watermarks.onEndOfInput(0)).isEmpty();
    }

    @Test
    void idleChannelsNoLongerHoldEventTimeBackUntilTheySendAWatermark() {
        InputWatermarks watermarks = new InputWatermarks(2);
        assertThat(watermarks.onWatermark(0, 10)).isEmpty();
        assertThat(watermarks.onWatermark(1, io.sluice.runtime.StreamElement.Watermark.IDLE)).hasValue(10);
        assertThat(watermarks.onWatermark(0, 20)).hasValue(20);
        assertThat(watermarks.onWatermark(1, 15)).as("active again, behind: holds back without going back").isEmpty();
        assertThat(watermarks.onWatermark(0, 30)).isEmpty();
        assertThat(watermarks.onWatermark(1, 25)).hasValue(25);
    }

    @Test
    void reportsIdleOnceWhenEveryOpenChannelIsIdleAndTheWatermarkWhenActiveAgain() {
        long idle = io.sluice.runtime.StreamElement.Watermark.IDLE;
        InputWatermarks watermarks = new InputWatermarks(2);
        assertThat(watermarks.onWatermark(0, 10)).isEmpty();
        assertThat(watermarks.onWatermark(1, 12)).hasValue(10);
        assertThat(watermarks.onWatermark(0, idle)).hasValue(12);
        assertThat(watermarks.onWatermark(1, idle)).hasValue(idle);
        assertThat(watermarks.onWatermark(0, idle)).isEmpty();
        assertThat(watermarks.onWatermark(0, 11)).as("re-announced, never backwards").hasValue(12);
    }
}
