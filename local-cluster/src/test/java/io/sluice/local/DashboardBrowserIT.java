package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless chromium against a running cluster, as a user would use it: submit a job
 * through the form, watch it run (graph, rising counts, a vertex's subtasks and watermarks, a completed
 * checkpoint), cancel it; a bad spec shows its field error. Any error in the browser console fails the test.
 * Skipped when Debian's chromium and chromium-driver are not installed. With {@code -Dsluice.screenshots.dir=DIR}
 * the screenshots of the main pages are also written to DIR (docs/img holds the ones in the README).
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final String BAD_SPEC = """
            {
              "name": "bad",
              "operators": [
                {"id": "numbers", "type": "generator", "kind": "sequence"},
                {"id": "out", "type": "print", "input": "nubmers"}
              ]
            }""";

    private static final String WINDOWED_SPEC = """
            {
              "name": "windowed-numbers",
              "parallelism": 2,
              "checkpointing": {"interval": "1s"},
              "operators": [
                {"id": "numbers", "type": "generator", "kind": "sequence", "rate": 400},
                {"id": "stamped", "type": "watermarks", "input": "numbers", "timestamp": "1764000000000L + value * 10",
                 "out-of-orderness": "100ms"},
                {"id": "windows", "type": "window", "input": "stamped", "key-by": "value % 4",
                 "window": {"kind": "tumbling", "size": "1s"}, "aggregate": {"function": "count"}},
                {"id": "out", "type": "print", "input": "windows"}
              ]
            }""";

    private static ClusterFixture cluster;
    private static ChromeDriverService service;
    private static ChromeDriver driver;
    private static Path userDataDir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Dashboard browser tests skipped: Debian's chromium and chromium-driver are not installed ("
                        + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them with apt-get");
        cluster = new ClusterFixture(2, 4);
        userDataDir = Files.createTempDirectory("sluice-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1440,1200", "--user-data-dir=" + userDataDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Expected: only the 400 of the deliberately bad spec; anything else in the console is a bug. */
    @AfterEach
    void consoleHasNoErrors() {
        assertNoConsoleErrors();
    }

    @Test
    void aBadSpecShowsItsFieldErrorNextToThePath() throws Exception {
        open("#/submit");
        setSpec(BAD_SPEC);
        driver.findElement(By.id("submit-button")).click();
        WebElement error = await(d -> d.findElement(By.cssSelector("#spec-errors .field-error")));
        assertThat(error.getAttribute("data-field")).isEqualTo("$.operators[1].input");
        assertThat(error.getText()).contains("$.operators[1].input").contains("line 5").contains("nubmers");
        screenshot("submit-error");
        assertNoConsoleErrors("/jobs - Failed to load resource: the server responded with a status of 400");
    }

    @Test
    void aJobSubmittedThroughTheFormRunsIsWatchedAndCancelled() throws Exception {
        open("#/overview");
        await(d -> d.findElement(By.cssSelector("#stat-taskmanagers .value")).getText().equals("2"));
        open("#/submit");
        setSpec(WINDOWED_SPEC);
        driver.findElement(By.id("submit-button")).click();
        await(d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f]{32}$"));
        String jobId = driver.getCurrentUrl().replaceAll(".*#/jobs/", "");

        await(d -> d.findElement(By.id("job-state")).getText().equals("RUNNING"));
        await(d -> "4".equals(d.findElement(By.id("job-graph")).getAttribute("data-nodes")));
        assertThat(driver.findElement(By.id("job-graph")).getAttribute("data-edges")).isEqualTo("3");
        long first = await(d -> {
            long out = recordsOut("numbers");
            return out > 0 ? out : null;
        });
        await(d -> recordsOut("numbers") > first);
        await(d -> recordsOut("windows") > 0);

        click(d -> row("windows"));
        await(d -> d.findElements(By.cssSelector("#subtask-table tbody tr")).size() == 2);
        await(d -> !d.findElement(By.cssSelector("#vertex-input-watermark .value")).getText().equals("No watermark"));
        screenshot("job");

        open("#/jobs/" + jobId + "/checkpoints");
        await(d -> !d.findElements(By.cssSelector("#checkpoint-table tr[data-status='COMPLETED']")).isEmpty());
        await(d -> ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('checkpoint-chart').height > 0"));
        screenshot("checkpoints");

        open("#/taskmanagers");
        await(d -> d.findElements(By.cssSelector("#taskmanagers-table tbody tr")).size() == 2);
        click(d -> d.findElement(By.cssSelector("#taskmanagers-table tbody tr a")));
        await(d -> d.findElement(By.cssSelector("#tm-stats")).getText().contains("Chronicle"));
        screenshot("taskmanager");

        open("#/overview");
        await(d -> d.findElement(By.cssSelector("#stat-running .value")).getText().equals("1"));
        screenshot("overview");

        open("#/jobs/" + jobId);
        await(d -> d.findElement(By.id("job-state")).getText().equals("RUNNING"));
        await(d -> d.findElement(By.id("cancel-job")).isDisplayed() && d.findElement(By.id("cancel-job")).isEnabled());
        driver.findElement(By.id("cancel-job")).click();
        await(d -> d.findElement(By.id("job-state")).getText().equals("CANCELED"));
        assertThat(cluster.getJson("/jobs/" + jobId).path("state").asText()).isEqualTo("CANCELED");
    }

    /** Live pages re-render each second: an element found a moment ago may be gone, so find and click again. */
    private static void click(Function<WebDriver, WebElement> element) {
        await(d -> {
            element.apply(d).click();
            return true;
        });
    }

    private static void open(String fragment) {
        driver.get(cluster.restUrl() + "/" + fragment);
    }

    /** Typing a whole spec key by key is slow; the form reads the textarea's value like any user edit. */
    private static void setSpec(String spec) {
        WebElement editor = await(d -> d.findElement(By.id("spec-text")));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", editor, spec);
    }

    private static WebElement row(String vertex) {
        return driver.findElements(By.cssSelector("#vertex-table tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("td")).getText().equals(vertex)).findFirst()
                .orElseThrow(); // not rendered yet: the waits retry
    }

    private static long recordsOut(String vertex) {
        String text = row(vertex).findElement(By.cssSelector(".records-out")).getText().replace(",", "");
        return text.equals("–") ? 0 : Long.parseLong(text);
    }

    private static <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(RuntimeException.class).until(d -> {
                T value = condition.apply(d);
                return Boolean.FALSE.equals(value) ? null : value;
            });
        } catch (TimeoutException e) {
            // Leave the evidence: what the page showed, its banner, and what the console said.
            try {
                screenshotTo(Path.of("target", "screenshots"), "timeout");
            } catch (Exception ignored) {
                // the timeout is the failure to report
            }
            String banner = driver.findElements(By.id("banner")).stream().map(WebElement::getText).findFirst().orElse("");
            throw new AssertionError("timed out at " + driver.getCurrentUrl() + "; banner: '" + banner + "'; console: "
                    + driver.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    private static void screenshot(String name) throws Exception {
        screenshotTo(Path.of("target", "screenshots"), name);
        String docs = System.getProperty("sluice.screenshots.dir");
        if (docs != null && !docs.isBlank()) {
            screenshotTo(Path.of(docs), name);
        }
    }

    private static void screenshotTo(Path directory, String name) throws Exception {
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static void assertNoConsoleErrors(String... expected) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> List.of(expected).stream().noneMatch(message::contains))
                .toList();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
