package io.sluice.local;

import io.sluice.runtime.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quickstart project {@code examples/java-job}, built the way its pom builds it (its sources compiled against
 * platform-api, packed into a jar whose manifest names the job), without Maven or an installed Sluice.
 */
final class QuickstartJar {

    static final Path PROJECT = Path.of("..", "examples", "java-job");
    static final String MAIN_CLASS = "com.example.clicks.ClickSessions";

    private QuickstartJar() {}

    /** {@code app.jar} in {@code dir}. */
    static Path build(Path dir) throws IOException {
        Path classes = compile(PROJECT.resolve("src/main/java"), dir.resolve("classes"), TestJars.testClassPath());
        return TestJars.jar(classes, dir.resolve("app.jar"), MAIN_CLASS);
    }

    /** The project's test classes, compiled against its main classes and the test class path. */
    static Path buildTests(Path dir, Path mainClasses) throws IOException {
        return compile(PROJECT.resolve("src/test/java"), dir.resolve("test-classes"),
                mainClasses + java.io.File.pathSeparator + TestJars.testClassPath());
    }

    static Path compile(Path sources, Path classes, String classPath) throws IOException {
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> tree = Files.walk(sources)) {
            files = tree.filter(f -> f.toString().endsWith(".java")).toList();
        }
        TestJars.compile(files, classes, classPath);
        return classes;
    }
}
