package io.sluice.engine.web.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * REST API protection ({@code sluice.security.*}).
 *
 * @param tokens bearer tokens accepted on mutating calls (and on reads with {@code protect-reads}); none leaves the
 *     API open, with a warning at start-up (embedded use, tests)
 * @param protectReads whether reading endpoints need a token too (health stays open)
 * @param submitRateLimit how many job submissions the engine accepts per period before answering 429
 */
@Validated
@ConfigurationProperties("sluice.security")
public record ApiSecurityProperties(
        @DefaultValue List<String> tokens,
        @DefaultValue("false") boolean protectReads,
        @NotNull @Valid @DefaultValue SubmitRateLimit submitRateLimit) {

    public ApiSecurityProperties {
        tokens = tokens.stream().filter(token -> !token.isBlank()).toList();
    }

    public boolean enabled() {
        return !tokens.isEmpty();
    }

    /**
     * @param limit submissions allowed per period (across all clients)
     * @param period the refresh period of the limit
     */
    public record SubmitRateLimit(
            @Min(1) @DefaultValue("50") int limit, @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration period) {}
}
