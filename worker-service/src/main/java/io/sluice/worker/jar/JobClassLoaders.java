package io.sluice.worker.jar;

import io.sluice.graph.UserJar;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.runtime.usercode.ChildFirstClassLoader;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class loader of each job's user code on this worker. A job without a jar uses the worker's own loader. A jar
 * job gets a child-first loader over its jar (fetched through the {@link JarCache}), shared by the job's tasks
 * here: each task leases it while it runs, and when the last lease ends the loader is closed and forgotten, so
 * that its classes can be unloaded (repeated submit/cancel cycles must not grow metaspace). Thread-safe.
 *
 * <p>The task threads' context class loader is left as it is (the worker's): Kafka clients shared by all tasks
 * create their threads lazily on task threads, and resolve their configured classes through the context loader;
 * either would tie a job's loader to the worker for good.
 */
public final class JobClassLoaders {

    /** The contract between a job and the worker: always the worker's classes. */
    static final List<String> PARENT_FIRST = List.of(
            "io.sluice.api.", "io.sluice.graph.", "io.sluice.protocol.", "io.sluice.runtime.", "org.slf4j.");

    private static final Logger log = LoggerFactory.getLogger(JobClassLoaders.class);

    private final ClassLoader parent;
    private final JarCache jars;
    private final Map<JobId, Shared> loaders = new HashMap<>();

    /** @param jars where jars come from; null when this worker runs no jar jobs */
    public JobClassLoaders(ClassLoader parent, JarCache jars) {
        this.parent = parent;
        this.jars = jars;
    }

    /** Jobs whose loader is open here (for tests and diagnostics). */
    public synchronized int openLoaders() {
        return loaders.size();
    }

    /** The job's loader for one task; close the lease when the task ended. */
    public Lease lease(ExecutionPlan plan) throws IOException, InterruptedException {
        UserJar jar = plan.graph().config().userJar();
        if (jar == null) {
            return new Lease(parent, () -> {});
        }
        if (jars == null) {
            throw new IllegalStateException("job " + plan.jobId() + " needs jar " + jar.jarId()
                    + " but this worker has no jar cache configured");
        }
        JobId job = plan.jobId();
        synchronized (this) {
            Shared shared = loaders.get(job);
            if (shared == null) {
                Path file = jars.get(jar);
                shared = new Shared(new ChildFirstClassLoader("job-" + job.hex(), new URL[] {file.toUri().toURL()},
                        parent, PARENT_FIRST));
                loaders.put(job, shared);
                log.info("Opened the class loader of job {} over jar {}", job, jar.jarId());
            }
            shared.leases++;
            Shared leased = shared;
            return new Lease(shared.loader, () -> release(job, leased));
        }
    }

    private synchronized void release(JobId job, Shared shared) {
        if (--shared.leases > 0) {
            return;
        }
        loaders.remove(job, shared);
        try {
            shared.loader.close();
        } catch (IOException e) {
            log.warn("Closing the class loader of job {} failed", job, e);
        }
        log.info("Closed the class loader of job {}", job);
    }

    /** A task's use of its job's loader. */
    public static final class Lease implements AutoCloseable {
        private final ClassLoader loader;
        private Runnable release;

        Lease(ClassLoader loader, Runnable release) {
            this.loader = loader;
            this.release = release;
        }

        public ClassLoader classLoader() {
            return loader;
        }

        /** Idempotent. */
        @Override
        public void close() {
            Runnable r = release;
            release = null;
            if (r != null) {
                r.run();
            }
        }
    }

    private static final class Shared {
        final ChildFirstClassLoader loader;
        int leases;

        Shared(ChildFirstClassLoader loader) {
            this.loader = loader;
        }
    }
}
