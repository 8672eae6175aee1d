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
}
