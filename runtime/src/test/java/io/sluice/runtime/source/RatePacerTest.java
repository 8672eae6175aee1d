package io.sluice.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    private final Instant start = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void allowsRateTimesElapsedTime() {
        RatePacer pacer = new RatePacer(250, start);
        assertThat(pacer.allowedBy(start)).isZero();
        assertThat(pacer.allowedBy(start.plusMillis(3))).isZero();
        assertThat(pacer.allowedBy(start.plusMillis(4))).isEqualTo(1);
        assertThat(pacer.allowedBy(start.plusSeconds(2))).isEqualTo(500);
    }

    @Test
    void saysHowLongUntilTheNextRecord() {
        RatePacer pacer = new RatePacer(250, start);
        assertThat(pacer.untilNext(0, start)).isEqualTo(Duration.ofMillis(4));
        assertThat(pacer.untilNext(10, start.plusMillis(40))).isEqualTo(Duration.ofMillis(4));
        assertThat(pacer.untilNext(0, start.plusSeconds(1))).isEqualTo(Duration.ZERO);
    }
}
