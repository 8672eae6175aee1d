package io.sluice.engine.web.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits job submissions ({@code POST /jobs}, and {@code POST /jars/**} which uploads or runs jars) to
 * {@code sluice.security.submit-rate-limit.limit} per {@code period} across all clients, with a resilience4j
 * RateLimiter that never waits: over the limit → 429 with {@code Retry-After}. Runs after authentication (Spring
 * Security's filter chain has a higher precedence), so unauthenticated calls do not use up the budget.
 */
@Component
public class SubmissionRateLimitFilter implements WebFilter {

    private final RateLimiter limiter;
    private final long retryAfterSeconds;

    public SubmissionRateLimitFilter(ApiSecurityProperties properties) {
        Duration period = properties.submitRateLimit().period();
        this.limiter = RateLimiter.of("job-submission", RateLimiterConfig.custom()
                .limitForPeriod(properties.submitRateLimit().limit())
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
        this.retryAfterSeconds = Math.max(1, (period.toMillis() + 999) / 1000);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isSubmission(exchange) || limiter.acquirePermission()) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        // Read the refused body first: answering over an unread body stalled the client's next request.
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then(ProblemResponses.write(
                exchange, HttpStatus.TOO_MANY_REQUESTS, "too many job submissions; retry after " + retryAfterSeconds + " s"));
    }

    private static boolean isSubmission(ServerWebExchange exchange) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            return false;
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals("/jobs") || path.equals("/jobs/") || path.startsWith("/jars");
    }
}
