package com.example.clicks;

/** Clicks of a user in the tumbling event-time window ending at {@code windowEnd}. */
public record WindowCount(String user, long windowEnd, long clicks) {

    /** One line per window and user, as written to Kafka. */
    public String line() {
        return user + " window-end=" + windowEnd + " clicks=" + clicks;
    }
}
