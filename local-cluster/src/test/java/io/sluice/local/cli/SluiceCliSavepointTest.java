package io.sluice.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The savepoint commands' argument checks, which answer before any request (no engine needed). */
class SluiceCliSavepointTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SluiceCli.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void savepointAndStopWantAJobIdAndAtMostADirectory() {
        assertThat(run("savepoint")).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("usage: sluice savepoint JOB_ID [DIR]");
        assertThat(run("stop", "a", "b", "c")).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("usage: sluice stop JOB_ID [DIR]");
        assertThat(run("savepoint", "not-a-job-id")).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("not a job id");
    }

    @Test
    void runChecksItsSavepointOptions() {
        assertThat(run("run", "spec.json", "--parallelism", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("--parallelism wants a positive number");
        assertThat(run("run", "spec.json", "--allow-non-restored-state")).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("--allow-non-restored-state goes with --from-savepoint");
        assertThat(run("run", "--from-savepoint")).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("--from-savepoint needs a value");
        assertThat(run("run", "--parallelism", "2")).isEqualTo(ExitCodes.USAGE);
    }
}
