package io.sluice.engine.jar;

import io.sluice.api.JobFactory;
import io.sluice.graph.JobGraph;
import io.sluice.graph.json.JobSpecException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a jar's entry class only to obtain its job graph (Flink's plan extraction): in a fresh
 * {@link ProgramClassLoader}, on a daemon thread of its own whose output is captured ({@link ProgramOutput}),
 * within a time limit. The entry class either has a {@code main(String[])} that calls
 * {@code StreamEnvironment.execute} (the call is intercepted, nothing runs) or implements {@link JobFactory}.
 *
 * <p>A program that overruns the limit is interrupted and abandoned: Java cannot stop a thread that ignores
 * interrupts, so a program looping forever keeps its (daemon) thread, and its loader, until the engine stops. The
 * caller gets a {@link ProgramException} at once either way.
 */
public final class ProgramRunner {

    private static final Logger log = LoggerFactory.getLogger(ProgramRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ClassLoader parent;
    private final Duration timeout;

    /** @param parent the loader the job API comes from (the engine's) */
    public ProgramRunner(ClassLoader parent, Duration timeout) {
        this.parent = parent;
        this.timeout = timeout;
        ProgramOutput.install();
    }

    /** The graph the entry class builds; blocks for at most the time limit. */
    public JobGraph jobGraph(StoredJar jar, String entryClass, List<String> args) {
        ProgramClassLoader loader = new ProgramClassLoader(jar.file(), parent);
        CompletableFuture<JobGraph> result = new CompletableFuture<>();
        ProgramOutput.Buffer output = new ProgramOutput.Buffer();
        Thread thread = new Thread(() -> {
            ProgramOutput.routeCurrentThreadTo(output);
            try {
                result.complete(run(loader, entryClass, args.toArray(String[]::new)));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "program-" + THREADS.incrementAndGet() + "-" + entryClass);
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        thread.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            log.warn("Entry class {} of jar {} did not build a job within {}; abandoned its thread {}", entryClass,
                    jar.id(), timeout, thread.getName());
            throw new ProgramException("entryClass " + entryClass + " did not build a job within "
                    + timeout.toSeconds() + " s; its thread was interrupted and abandoned", output.text(), null);
        } catch (ExecutionException e) {
            throw failure(entryClass, e.getCause(), output.text());
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new ProgramException("interrupted while running " + entryClass, output.text(), e);
        } finally {
            output.close();
            if (result.isDone()) {
                closeQuietly(loader);
            }
        }
    }

    private static JobGraph run(ProgramClassLoader loader, String entryClass, String[] args) throws Throwable {
        Class<?> type;
        try {
            type = Class.forName(entryClass, true, loader);
        } catch (ClassNotFoundException e) {
            throw JarException.invalid("entryClass", "entryClass " + entryClass + " is not in the jar");
        }
        if (JobFactory.class.isAssignableFrom(type)) {
            JobFactory factory = (JobFactory) type.getConstructor().newInstance();
            return factory.createJob(args);
        }
        Method main;
        try {
            main = type.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw JarException.invalid("entryClass", "entryClass " + entryClass
                    + " has no public static void main(String[]) and does not implement " + JobFactory.class.getName());
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw JarException.invalid("entryClass", "entryClass " + entryClass + ": main(String[]) is not static");
        }
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof CapturingJobExecutor.GraphCaptured)) {
                throw e.getCause();
            }
        }
        if (loader.captured() == null) {
            throw JarException.invalid("entryClass", "entryClass " + entryClass
                    + " ended without calling StreamEnvironment.execute(name): it built no job");
        }
        return loader.captured();
    }

    private static RuntimeException failure(String entryClass, Throwable cause, String output) {
        if (cause instanceof JarException jar) {
            return jar;
        }
        if (cause instanceof JobSpecException spec) {
            return spec;
        }
        String message = cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getName() + ": " + cause.getMessage();
        return new ProgramException("entryClass " + entryClass + " threw " + message, output, cause);
    }

    private static void closeQuietly(ProgramClassLoader loader) {
        try {
            loader.close();
        } catch (java.io.IOException e) {
            log.debug("Closing {} failed", loader.getName(), e);
        }
    }
}
