package io.sluice.engine.transport.kafka;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an admin call over a broker blip (resilience4j {@link Retry}): a failure is retried, with exponential
 * backoff, when it is transient, that is caused by a timeout or a retriable Kafka error (no leader, not the
 * controller, broker not available). Other failures (an invalid topic, no authorization) are thrown at once.
 */
final class AdminRetry {

    private static final Logger log = LoggerFactory.getLogger(AdminRetry.class);

    private final Retry retry;

    /**
     * @param attempts calls in all, the first included
     * @param backoff wait before the second call; doubled before each further one
     */
    AdminRetry(String name, int attempts, Duration backoff) {
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2.0))
                .retryOnException(AdminRetry::isTransient)
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("{}: attempt {} failed ({}), retrying in {} ms",
                name, event.getNumberOfRetryAttempts(), event.getLastThrowable().getMessage(),
                event.getWaitInterval().toMillis()));
    }

    void run(Runnable call) {
        retry.executeRunnable(call);
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof RetriableException || e instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
