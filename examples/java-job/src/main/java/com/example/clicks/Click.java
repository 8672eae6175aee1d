package com.example.clicks;

import java.util.SplittableRandom;

/** A user clicked at an event time (epoch millis). */
public record Click(String user, long timestamp) {

    /** How many users the generated stream has. */
    private static final int USERS = 5;

    /**
     * Click number {@code n} of a deterministic stream: one click every 100 ms, by a user picked at random (seeded by
     * {@code n}, so every run sees the same clicks). Each user clicks now in bursts, now not for a while.
     */
    public static Click number(long n) {
        return new Click("user-" + new SplittableRandom(n).nextInt(USERS), n * 100);
    }
}
