package io.sluice.protocol;

/** Names of the topics Sluice uses. */
public final class Topics {

    /** Commands from the engine to workers, keyed by worker id. */
    public static final String CONTROL = "sluice.control";
    /** Heartbeats and task state changes from workers to the engine. */
    public static final String STATUS = "sluice.status";

    private Topics() {}

    /** Prefix of every internal topic of a job. */
    public static String jobPrefix(JobId jobId) {
        return "sluice." + jobId + ".";
    }

    /** The data channel topic of an edge between two chains. */
    public static String channel(JobId jobId, String sourceVertex, String targetVertex) {
        return jobPrefix(jobId) + sourceVertex + "-" + targetVertex;
    }
}
