package com.example.clicks;

/** Clicks of a user in the event-time window ending at {@code windowEnd}; {@code total} counts all windows so far. */
public record WindowCount(String user, long windowEnd, long clicks, long total) {

    /** Adds the next window's clicks to the running total (the keyed reduce). */
    public WindowCount then(WindowCount next) {
        return new WindowCount(user, next.windowEnd, next.clicks, total + next.clicks);
    }

    /** One line per result, as written to Kafka. */
    public String line() {
        return user + " window-end=" + windowEnd + " clicks=" + clicks + " total=" + total;
    }
}
