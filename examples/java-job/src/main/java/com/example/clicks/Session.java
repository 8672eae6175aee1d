package com.example.clicks;

/** A user's click session: first and last click (event time) and how many clicks it had. */
public record Session(String user, long start, long end, long clicks) {

    /** One line per session, as written to Kafka. */
    public String line() {
        return user + " session start=" + start + " end=" + end + " clicks=" + clicks;
    }
}
