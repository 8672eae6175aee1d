package io.sluice.engine.jar;

import io.sluice.api.JobExecutor;
import io.sluice.graph.JobGraph;

/**
 * The {@link JobExecutor} a program finds while the engine runs it for its graph: it hands the graph to the
 * program's {@link ProgramClassLoader} (the calling thread's context loader) and ends the program there, so that
 * nothing after {@code execute} runs (Flink's program abort). Public with a no-argument constructor for
 * {@link java.util.ServiceLoader}.
 */
public final class CapturingJobExecutor implements JobExecutor {

    @Override
    public void execute(JobGraph graph) {
        if (!(Thread.currentThread().getContextClassLoader() instanceof ProgramClassLoader program)) {
            throw new IllegalStateException("execute() called outside a program the engine runs");
        }
        program.capture(graph);
        throw new GraphCaptured();
    }

    /** An Error, so that a program's {@code catch (Exception e)} does not swallow it. */
    static final class GraphCaptured extends Error {
        GraphCaptured() {
            super("job graph captured", null, false, false);
        }
    }
}
