package io.sluice.engine.metrics;

import java.util.Locale;

/** Flink's classification of a back-pressure ratio (share of time blocked on output): ok, low, high. */
public enum BackPressureLevel {
    OK,
    LOW,
    HIGH;

    /** Flink's thresholds: up to 10 % is OK, up to 50 % LOW, above that HIGH. */
    public static BackPressureLevel of(double ratio) {
        if (ratio <= 0.10) {
            return OK;
        }
        return ratio <= 0.5 ? LOW : HIGH;
    }

    /** Flink's REST spelling. */
    public String restName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
