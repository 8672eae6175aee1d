package io.sluice.api;

import io.sluice.graph.JobGraph;

/**
 * A job in a jar, as an alternative to a {@code main(String[])} that calls {@link StreamEnvironment#execute}:
 * the engine instantiates the class (public, with a public no-argument constructor) and asks it for the graph.
 *
 * <pre>{@code
 * public final class Words implements JobFactory {
 *     public JobGraph createJob(String[] args) {
 *         StreamEnvironment env = StreamEnvironment.create();
 *         env.generateText(100, 7).flatMap(...).print();
 *         return env.getJobGraph("words");
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface JobFactory {

    /** Builds the job; {@code args} are the program arguments of the run request. */
    JobGraph createJob(String[] args) throws Exception;
}
