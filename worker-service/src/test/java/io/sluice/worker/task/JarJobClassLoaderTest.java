package io.sluice.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sluice.api.JobFactory;
import io.sluice.graph.JobGraph;
import io.sluice.graph.UserJar;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.plan.JobPlanner;
import io.sluice.runtime.testing.TestJars;
import io.sluice.worker.jar.JarCache;
import io.sluice.worker.jar.JobClassLoaders;
import io.sluice.worker.state.WorkerStateBackends;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jar jobs on a worker's task executor (in-memory I/O): the jar is fetched over HTTP from a stand-in for the
 * engine, checked, cached, loaded child-first per job, and its loader is closed and collected when the job ends.
 */
class JarJobClassLoaderTest {

    private static final WorkerId WORKER = new WorkerId("worker-jar-test");

    /** A job whose map reports the library's greeting and its loader to {@link JarProbe}; runs until cancelled. */
    private static final String PROBE_JOB = """
            package job;
            import io.sluice.api.JobFactory;
            import io.sluice.api.StreamEnvironment;
            import io.sluice.graph.JobGraph;
            import io.sluice.worker.task.JarProbe;
            public class ProbeJob implements JobFactory {
                public JobGraph createJob(String[] args) {
                    String tag = args[0];
                    StreamEnvironment env = StreamEnvironment.create();
                    env.generateSequence(-1)
                            .map(n -> JarProbe.record(tag, lib.Greeting.text(), ProbeJob.class.getClassLoader()))
                            .filter(s -> false)
                            .print();
                    return env.getJobGraph("probe-" + tag);
                }
            }
            """;

    private static String greeting(String text) {
        return "package lib; public class Greeting { public static String text() { return \"" + text + "\"; } }";
    }

    @TempDir
    Path dir;

    private final RecordingReporter reporter = new RecordingReporter();
    private final Map<String, Path> served = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer engine;
    private JobClassLoaders loaders;
    private TaskExecutor executor;

    @BeforeEach
    void startEngineStandIn() throws Exception {
        engine = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        engine.createContext("/jars/", exchange -> {
            String[] path = exchange.getRequestURI().getPath().split("/");
            Path jar = path.length == 4 && path[3].equals("content") ? served.get(path[2]) : null;
            if (jar == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                fetches.incrementAndGet();
                exchange.sendResponseHeaders(200, Files.size(jar));
                Files.copy(jar, exchange.getResponseBody());
            }
            exchange.close();
        });
        engine.start();
        URI url = URI.create("http://localhost:" + engine.getAddress().getPort());
        loaders = new JobClassLoaders(getClass().getClassLoader(),
                new JarCache(url, dir.resolve("cache"), Duration.ofSeconds(30)));
        executor = new TaskExecutor(WORKER, 4, (task, attempt, cl) -> new FakeTaskIo(null), reporter, loaders,
                Clock.systemUTC(), Duration.ofSeconds(10), new CheckpointStorage(dir.resolve("checkpoints")),
                WorkerStateBackends.heap(), TaskMetricsFactory.NONE);
    }

    @AfterEach
    void stop() {
        executor.cancelAll().join();
        engine.stop(0);
    }

    @Test
    void jarJobsBundlingDifferentLibraryVersionsRunSideBySideEachSeeingItsOwn() throws Exception {
        UserJar v1 = serve(TestJars.build(dir, "app-v1.jar",
                Map.of("job.ProbeJob", PROBE_JOB, "lib.Greeting", greeting("hello from v1")), null));
        UserJar v2 = serve(TestJars.build(dir, "app-v2.jar",
                Map.of("job.ProbeJob", PROBE_JOB, "lib.Greeting", greeting("hello from v2")), null));
        ExecutionPlan one = plan(v1, "side-1");
        ExecutionPlan two = plan(v2, "side-2");

        executor.deploy(one, 1, List.of(task(one)));
        executor.deploy(two, 1, List.of(task(two)));
        reporter.await(task(one), TaskState.RUNNING);
        reporter.await(task(two), TaskState.RUNNING);
        awaitSeen("side-1");
        awaitSeen("side-2");

        assertThat(JarProbe.seen("side-1")).containsExactly("hello from v1");
        assertThat(JarProbe.seen("side-2")).containsExactly("hello from v2");
        assertThat(loaders.openLoaders()).isEqualTo(2);
        executor.cancelJob(one.jobId()).join();
        executor.cancelJob(two.jobId()).join();
        reporter.await(task(one), TaskState.CANCELED);
        reporter.await(task(two), TaskState.CANCELED);
        assertThat(loaders.openLoaders()).isZero();
    }

    @Test
    void jarWhoseChecksumDoesNotMatchIsRefusedAndTheTaskFails() throws Exception {
        UserJar real = serve(TestJars.build(dir, "app.jar",
                Map.of("job.ProbeJob", PROBE_JOB, "lib.Greeting", greeting("x")), null));
        UserJar forged = new UserJar(real.jarId(), "0".repeat(64));
        ExecutionPlan plan = withJar(plan(real, "forged"), forged);

        executor.deploy(plan, 1, List.of(task(plan)));

        TaskStateChanged failed = reporter.await(task(plan), TaskState.FAILED);
        assertThat(failed.failure()).contains("SHA-256").contains(real.sha256());
        assertThat(loaders.openLoaders()).isZero();
        assertThat(JarProbe.seen("forged")).isEmpty();
    }

    /**
     * 50 deploy/cancel cycles of a jar job: each cycle's loader is closed when its task ends, and all of them are
     * collected, their classes unloaded; loaded classes and metaspace end near where they started. The jar is
     * fetched once.
     */
    @Test
    void fiftyDeployCancelCyclesLeaveNoClassLoaderBehind() throws Exception {
        UserJar jar = serve(TestJars.build(dir, "cycle.jar",
                Map.of("job.ProbeJob", PROBE_JOB, "lib.Greeting", greeting("cycle")), null));
        int recordedBefore = JarProbe.loadersRecorded();
        cycle(jar, "warm-up");
        settle();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long classesBefore = classes.getLoadedClassCount();
        long unloadedBefore = classes.getTotalLoadedClassCount() - classesBefore;
        long metaspaceBefore = metaspaceUsed();

        int cycles = 50;
        for (int i = 0; i < cycles; i++) {
            cycle(jar, "cycle-" + i);
            assertThat(loaders.openLoaders()).as("loaders open after cycle %d", i).isZero();
        }
        assertThat(JarProbe.loadersRecorded() - recordedBefore).as("one loader per cycle").isEqualTo(cycles + 1);

        settle();
        assertThat(JarProbe.loadersAlive()).as("job class loaders still reachable after GC").isZero();
        long classesAfter = classes.getLoadedClassCount();
        long unloadedAfter = classes.getTotalLoadedClassCount() - classesAfter;
        System.out.printf("%d jar job cycles: loaded classes %d -> %d, unloaded +%d, metaspace %d -> %d KiB%n", cycles,
                classesBefore, classesAfter, unloadedAfter - unloadedBefore, metaspaceBefore >> 10,
                metaspaceUsed() >> 10);
        // Each cycle defines at least the job class, the library class and a lambda class: 50 leaked loaders
        // would leave 150+ classes; allow some slack for JDK-internal classes created meanwhile.
        assertThat(classesAfter - classesBefore).as("classes loaded beyond the baseline").isLessThan(60);
        assertThat(unloadedAfter - unloadedBefore).as("classes unloaded").isGreaterThanOrEqualTo(2L * cycles);
        assertThat(metaspaceUsed() - metaspaceBefore).as("metaspace growth (bytes)").isLessThan(4L << 20);
        assertThat(fetches.get()).as("fetches of the jar (cached by checksum)").isEqualTo(1);
    }

    private void cycle(UserJar jar, String tag) throws Exception {
        ExecutionPlan plan = plan(jar, tag);
        executor.deploy(plan, 1, List.of(task(plan)));
        reporter.await(task(plan), TaskState.RUNNING);
        awaitSeen(tag);
        executor.cancelJob(plan.jobId()).join();
        reporter.await(task(plan), TaskState.CANCELED);
    }

    /** Full GCs until the recorded loaders are gone (or a bound), so measurements see only live classes. */
    private static void settle() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        do {
            System.gc();
            Thread.sleep(100);
        } while (JarProbe.loadersAlive() > 0 && Instant.now().isBefore(deadline));
        System.gc();
    }

    private static long metaspaceUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.NON_HEAP && p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed())
                .sum();
    }

    private static void awaitSeen(String tag) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (JarProbe.seen(tag).isEmpty()) {
            assertThat(Instant.now()).as("job %s processed a record", tag).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private UserJar serve(Path jar) throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        String id = "0123456789abcdef0123456789abcdef_" + jar.getFileName();
        served.put(id, jar);
        return new UserJar(id, sha256);
    }

    /** The job graph as the engine would get it: from the jar's factory, in a loader of its own, closed after. */
    private ExecutionPlan plan(UserJar jar, String tag) throws Exception {
        JobGraph graph;
        try (URLClassLoader builder = new URLClassLoader(new URL[] {served.get(jar.jarId()).toUri().toURL()},
                getClass().getClassLoader())) {
            JobFactory factory = (JobFactory) builder.loadClass("job.ProbeJob").getConstructor().newInstance();
            graph = factory.createJob(new String[] {tag});
        }
        return withJar(JobPlanner.plan(JobId.random(), graph), jar);
    }

    private static ExecutionPlan withJar(ExecutionPlan plan, UserJar jar) {
        JobGraph graph = plan.graph();
        return JobPlanner.plan(plan.jobId(),
                new JobGraph(graph.name(), graph.vertices(), graph.edges(), graph.config().withUserJar(jar)));
    }

    private static TaskId task(ExecutionPlan plan) {
        return new TaskId(plan.jobId(), plan.chains().get(0).id(), 0);
    }
}
