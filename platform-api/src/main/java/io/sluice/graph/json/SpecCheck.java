package io.sluice.graph.json;

import io.sluice.graph.JobGraph;
import java.util.List;
import java.util.Map;

/**
 * A check of a job that needs more than its spec, such as whether a source's topic exists on its broker. Runs only
 * once the spec is otherwise valid (it may do I/O), and its errors are reported like the spec's own.
 */
@FunctionalInterface
public interface SpecCheck {

    /** Checks nothing. */
    SpecCheck NONE = (graph, paths) -> List.of();

    /**
     * @param graph the valid job
     * @param paths per vertex id, the JSON path of the operator object it was read from
     * @return the problems found, at paths below those of {@code paths}
     */
    List<SpecError> check(JobGraph graph, Map<String, String> paths);
}
