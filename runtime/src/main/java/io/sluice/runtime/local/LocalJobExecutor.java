package io.sluice.runtime.local;

import io.sluice.api.JobExecutor;
import io.sluice.graph.JobGraph;

/**
 * Runs jobs built with the Java API in this JVM ({@code StreamEnvironment.execute} finds it through
 * {@link java.util.ServiceLoader} when the runtime is on the classpath). Print sinks write to System.out.
 */
public final class LocalJobExecutor implements JobExecutor {

    @Override
    public void execute(JobGraph graph) throws Exception {
        new LocalJobRunner().run(graph);
    }
}
