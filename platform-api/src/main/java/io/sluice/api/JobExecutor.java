package io.sluice.api;

import io.sluice.graph.JobGraph;

/**
 * Runs a job graph; found by {@link StreamEnvironment#execute(String)} through {@link java.util.ServiceLoader}.
 * The runtime module provides a local in-memory implementation.
 */
public interface JobExecutor {

    /** Runs the job and blocks until it ends; throws if it fails. */
    void execute(JobGraph graph) throws Exception;
}
