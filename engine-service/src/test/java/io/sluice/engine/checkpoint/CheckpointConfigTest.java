package io.sluice.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointConfigTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsAreFlinks() {
        CheckpointConfig config = CheckpointConfig.every(Duration.ofSeconds(5));

        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.minPauseBetweenCheckpoints()).isZero();
        assertThat(config.maxConcurrentCheckpoints()).isEqualTo(1);
        assertThat(config.retainedCheckpoints()).isEqualTo(1);
        assertThat(config.mode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
    }

    @Test
    void rejectsWhatTheCoordinatorCannotHonour() {
        assertThatThrownBy(() -> config(Duration.ofMillis(9), SECOND, Duration.ZERO, 1, 3))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> config(SECOND, Duration.ofMillis(9), Duration.ZERO, 1, 3))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> config(SECOND, SECOND, Duration.ofMillis(-1), 1, 3))
                .hasMessageContaining("pause");
        assertThatThrownBy(() -> config(SECOND, SECOND, Duration.ZERO, 2, 3))
                .hasMessageContaining("concurrent");
        assertThatThrownBy(() -> config(SECOND, SECOND, Duration.ZERO, 1, 0))
                .hasMessageContaining("retained");
    }

    private static CheckpointConfig config(
            Duration interval, Duration timeout, Duration minPause, int concurrent, int retained) {
        return new CheckpointConfig(interval, timeout, minPause, concurrent, retained, CheckpointingMode.AT_LEAST_ONCE);
    }
}
