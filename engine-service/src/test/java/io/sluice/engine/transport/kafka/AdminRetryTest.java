package io.sluice.engine.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** A broker blip is retried with backoff; a real error is not. */
class AdminRetryTest {

    private final AdminRetry retry = new AdminRetry("test", 3, Duration.ofMillis(1));
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void transientFailuresAreRetriedUntilACallSucceeds() {
        retry.run(() -> {
            if (calls.incrementAndGet() < 3) {
                // As KafkaTopicAdmin wraps them: the Kafka error is the cause.
                throw new IllegalStateException("topic t: timed out", new TimeoutException("timed out"));
            }
        });

        assertThat(calls).hasValue(3);
    }

    @Test
    void aBlipLongerThanTheAttemptsFailsWithTheLastError() {
        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw new LeaderNotAvailableException("no leader " + calls.get());
        })).isInstanceOf(LeaderNotAvailableException.class).hasMessage("no leader 3");

        assertThat(calls).hasValue(3);
    }

    @Test
    void anErrorThatIsNotTransientIsThrownAtOnce() {
        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("topic t!: invalid", new InvalidTopicException("invalid"));
        })).hasMessage("topic t!: invalid");

        assertThat(calls).hasValue(1);
    }

    @Test
    void aJavaTimeoutWaitingForTheFutureIsTransient() {
        assertThat(AdminRetry.isTransient(new IllegalStateException("Kafka did not answer within 5000 ms",
                new java.util.concurrent.TimeoutException()))).isTrue();
        assertThat(AdminRetry.isTransient(new IllegalStateException("interrupted"))).isFalse();
    }
}
