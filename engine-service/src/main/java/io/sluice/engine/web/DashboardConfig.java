package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneId;

/** {@code GET /config}: what the dashboard needs to know about the engine (Flink's shape). */
public record DashboardConfig(
        @JsonProperty("refresh-interval") long refreshInterval,
        @JsonProperty("timezone-name") String timezoneName,
        @JsonProperty("timezone-offset") long timezoneOffset,
        @JsonProperty("sluice-version") String sluiceVersion,
        @JsonProperty("sluice-commit") String sluiceCommit) {

    /** How often the dashboard polls, in milliseconds (Flink's default). */
    static final long REFRESH_INTERVAL_MILLIS = 3000;

    static DashboardConfig of(ZoneId zone, Instant now, SluiceVersion version) {
        long offsetMillis = zone.getRules().getOffset(now).getTotalSeconds() * 1000L;
        return new DashboardConfig(
                REFRESH_INTERVAL_MILLIS, zone.getId(), offsetMillis, version.version(), version.commit());
    }
}
