package io.sluice.engine.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.JobGraph;
import io.sluice.runtime.testing.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's program runner without Spring: {@code execute} is captured (never run, never returns, even to a
 * program catching exceptions), a jar bundling its own copy of the API still talks to the engine's, and every
 * program's loader is collected after use.
 */
class ProgramRunnerJarTest {

    private static final String PROGRAM = """
            package demo;
            import io.sluice.api.StreamEnvironment;
            import io.sluice.engine.jar.ProgramLoaderProbe;
            public class Program {
                public static void main(String[] args) throws Exception {
                    ProgramLoaderProbe.record(Program.class.getClassLoader());
                    StreamEnvironment env = StreamEnvironment.create();
                    env.generateSequence(3).map(n -> n + 1).print();
                    try {
                        env.execute("program-" + args[0]);
                    } catch (Exception swallowed) {
                        // the engine's capture must not be an Exception a program can swallow
                    }
                    throw new IllegalStateException("the program went on after execute");
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void graphIsCapturedNotRunAndEveryProgramLoaderIsCollected() throws Exception {
        Path jar = TestJars.build(dir, "program.jar", Map.of("demo.Program", PROGRAM), "demo.Program");
        JarStore store = new JarStore(dir.resolve("store"), 1 << 20, getClass().getClassLoader());
        Path upload = Files.copy(jar, store.newUploadFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StoredJar stored = store.add("program.jar", upload);
        ProgramRunner runner = new ProgramRunner(getClass().getClassLoader(), Duration.ofSeconds(30));
        int before = ProgramLoaderProbe.recorded();

        int runs = 20;
        for (int i = 0; i < runs; i++) {
            JobGraph graph = runner.jobGraph(stored, "demo.Program", List.of(String.valueOf(i)));
            assertThat(graph.name()).isEqualTo("program-" + i);
            assertThat(graph.vertices()).hasSize(3);
        }
        assertThat(ProgramLoaderProbe.recorded() - before).as("a loader per run").isEqualTo(runs);

        Instant deadline = Instant.now().plusSeconds(30);
        while (ProgramLoaderProbe.alive() > 0 && Instant.now().isBefore(deadline)) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(ProgramLoaderProbe.alive()).as("program class loaders still reachable after GC").isZero();
    }

    @Test
    void aJarCannotOverrideTheApiItTalksTo() throws Exception {
        // A jar bundling its own io.sluice.api.StreamEnvironment: the engine's is used, so the graph is captured.
        String fake = """
                package io.sluice.api;
                public final class StreamEnvironment {
                    public static StreamEnvironment create() { throw new IllegalStateException("bundled API used"); }
                }
                """;
        Path jar = TestJars.build(dir, "bundling.jar", Map.of("demo.Program", PROGRAM), "demo.Program");
        Path classes = Files.createTempDirectory(dir, "fake");
        Path source = Files.createDirectories(dir.resolve("fake-src/io/sluice/api")).resolve("StreamEnvironment.java");
        Files.writeString(source, fake);
        TestJars.compile(List.of(source), classes, TestJars.testClassPath());
        Path merged = dir.resolve("merged");
        try (var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = merged.resolve(classes.relativize(f));
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        try (var zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            try (var files = Files.walk(zip.getPath("/"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = merged.resolve(f.toString().substring(1));
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.delete(merged.resolve("META-INF/MANIFEST.MF"));
        Path bundling = TestJars.jar(merged, dir.resolve("bundling-api.jar"), "demo.Program");
        JarStore store = new JarStore(dir.resolve("store2"), 1 << 20, getClass().getClassLoader());
        StoredJar stored = store.add("bundling-api.jar",
                Files.copy(bundling, store.newUploadFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        ProgramRunner runner = new ProgramRunner(getClass().getClassLoader(), Duration.ofSeconds(30));

        assertThat(runner.jobGraph(stored, "demo.Program", List.of("x")).name()).isEqualTo("program-x");
        assertThatThrownBy(() -> runner.jobGraph(stored, "demo.Missing", List.of()))
                .isInstanceOf(JarException.class).hasMessageContaining("not in the jar");
    }
}
