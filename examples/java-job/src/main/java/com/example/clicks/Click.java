package com.example.clicks;

/** A user clicked at an event time (epoch millis). */
public record Click(String user, long timestamp) {

    /** Click number {@code n} of a deterministic stream: 7 users in turn, one click every 100 ms. */
    public static Click number(long n) {
        return new Click("user-" + (n % 7), n * 100);
    }
}
