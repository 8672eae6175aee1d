package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sluice.runtime.operator.OperatorFactory;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.usercode.ChildFirstClassLoader;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Keeps the quickstart {@code examples/java-job} from rotting while the API moves: its sources compile against
 * this build's platform-api, its jar names the job, and its own harness tests pass.
 */
class JavaJobExampleJarTest {

    @TempDir
    Path dir;

    @Test
    void quickstartCompilesPackagesAndItsHarnessTestsPass() throws Exception {
        Path jar = QuickstartJar.build(dir);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(QuickstartJar.MAIN_CLASS);
            assertThat(file.getEntry("com/example/clicks/ClickSessions.class")).isNotNull();
        }
        Path testClasses = QuickstartJar.buildTests(dir, dir.resolve("classes"));

        // As in the project's own Maven test run, the job's classes, the harness and the runtime share one loader
        // (the harness deserializes the job's functions with its own loader); the API and JUnit are this JVM's.
        URL[] urls = {dir.resolve("classes").toUri().toURL(), testClasses.toUri().toURL(), location(OperatorHarness.class),
                location(OperatorFactory.class)};
        try (ChildFirstClassLoader loader = new ChildFirstClassLoader("quickstart-tests", urls,
                getClass().getClassLoader(), List.of("io.sluice.api.", "io.sluice.graph.", "io.sluice.protocol.",
                        "org.junit.", "org.opentest4j.", "org.apiguardian."))) {
            Class<?> testClass = loader.loadClass("com.example.clicks.ClickSessionsTest");
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            Launcher launcher = LauncherFactory.create();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader); // the harness's state backend resolves classes through it
            try {
                launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
                        listener);
            } finally {
                thread.setContextClassLoader(previous);
            }
            TestExecutionSummary summary = listener.getSummary();
            assertThat(summary.getFailures()).as("failures of the quickstart's tests").isEmpty();
            assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
