package io.sluice.engine.jar;

import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.JobGraphValidator;
import io.sluice.graph.UserJar;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.SpecError;
import java.util.List;

/**
 * From an uploaded jar and a run request to the job graph to submit: picks the entry class, runs it for its
 * graph, applies the requested parallelism and ties the graph to the jar, so workers load its classes from it.
 */
public final class JarPrograms {

    private final JarStore store;
    private final ProgramRunner runner;

    public JarPrograms(JarStore store, ProgramRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    /** Blocking (runs user code for up to the time limit): call it off the event loop. */
    public JobGraph jobGraph(String jarId, JarRunRequest request) {
        StoredJar jar = store.require(jarId);
        if (request.parallelism() != null && request.parallelism() < 1) {
            throw JarException.invalid("parallelism", "parallelism must be at least 1, got " + request.parallelism());
        }
        if (request.savepointPath() != null && !request.savepointPath().isBlank()) {
            throw JarException.invalid("savepointPath", "savepointPath: starting a jar job from a savepoint is not"
                    + " supported yet");
        }
        String entryClass = request.entryClass() != null && !request.entryClass().isBlank()
                ? request.entryClass().trim()
                : jar.mainClass();
        if (entryClass == null) {
            throw JarException.invalid("entryClass", "entryClass is required: the jar's manifest names no"
                    + " Main-Class (entry classes found: " + jar.entryClasses() + ")");
        }
        JobGraph graph = runner.jobGraph(jar, entryClass, request.args());
        if (request.parallelism() != null) {
            graph = withDefaultParallelism(graph, request.parallelism());
        }
        return new JobGraph(graph.name(), graph.vertices(), graph.edges(),
                graph.config().withUserJar(new UserJar(jar.id().value(), jar.sha256())));
    }

    /**
     * Flink's run parallelism: it becomes the job's default. Operators at the old default get the new one;
     * operators that set a different parallelism keep theirs.
     */
    static JobGraph withDefaultParallelism(JobGraph graph, int parallelism) {
        JobConfig config = graph.config();
        List<VertexSpec> vertices = graph.vertices().stream()
                .map(v -> v.parallelism() == config.parallelism()
                        ? new VertexSpec(v.id(), v.name(), parallelism, v.operator(), v.uid())
                        : v)
                .toList();
        JobGraph scaled = new JobGraph(graph.name(), vertices, graph.edges(), new JobConfig(parallelism,
                config.maxParallelism(), config.checkpointing(), config.restartStrategy(), config.savepointRestore(),
                config.userJar(), config.errorPolicy()));
        List<SpecError> errors = JobGraphValidator.validate(scaled);
        if (!errors.isEmpty()) {
            throw new JobSpecException(errors);
        }
        return scaled;
    }
}
