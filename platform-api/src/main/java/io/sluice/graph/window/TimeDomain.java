package io.sluice.graph.window;

/** Which clock windows and triggers follow. */
public enum TimeDomain {
    /** Record timestamps and watermarks. */
    EVENT,
    /** The task's wall clock. */
    PROCESSING
}
