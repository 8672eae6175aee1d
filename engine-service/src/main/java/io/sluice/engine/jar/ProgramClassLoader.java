package io.sluice.engine.jar;

import io.sluice.api.JobExecutor;
import io.sluice.graph.JobGraph;
import io.sluice.runtime.usercode.ChildFirstClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The loader a jar's entry class runs in on the engine: child-first over the jar, the job API from the engine.
 * It is also the program's context class loader, and answers the {@link JobExecutor} service lookup of
 * {@code StreamEnvironment.execute} with {@link CapturingJobExecutor} only (never an executor bundled in the
 * jar, nor the engine's local one), which hands the graph back here instead of running it.
 */
final class ProgramClassLoader extends ChildFirstClassLoader {

    /** The contract between a job and Sluice, and the capturing executor: always the engine's classes. */
    static final List<String> PARENT_FIRST = List.of(
            "io.sluice.api.", "io.sluice.graph.", "io.sluice.protocol.", "io.sluice.engine.", "org.slf4j.");

    private static final String EXECUTOR_SERVICE = "META-INF/services/" + JobExecutor.class.getName();
    private static final String CAPTURING_SERVICE = "io/sluice/engine/jar/capturing-job-executor";

    private volatile JobGraph captured;

    ProgramClassLoader(Path jar, ClassLoader parent) {
        super("program-" + jar.getFileName(), new URL[] {url(jar)}, parent, PARENT_FIRST);
    }

    @Override
    public URL getResource(String name) {
        return EXECUTOR_SERVICE.equals(name) ? capturingService() : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return EXECUTOR_SERVICE.equals(name)
                ? Collections.enumeration(List.of(capturingService()))
                : super.getResources(name);
    }

    /** Called by {@link CapturingJobExecutor} on {@code env.execute}: the first graph wins. */
    void capture(JobGraph graph) {
        if (captured == null) {
            captured = graph;
        }
    }

    /** The graph the program passed to {@code execute}, or null. */
    JobGraph captured() {
        return captured;
    }

    private URL capturingService() {
        return Objects.requireNonNull(getParent().getResource(CAPTURING_SERVICE), CAPTURING_SERVICE);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
