package io.sluice.engine.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.JobStatus;
import io.sluice.engine.job.TaskExecution;
import io.sluice.engine.kubernetes.WorkerPods;
import io.sluice.engine.testing.ManualClock;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.engine.testing.RecordingTopicAdmin;
import io.sluice.graph.json.JobSpecException;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Application mode on a real job manager (fake transport): the one job runs, and its end ends the cluster. */
class ApplicationModeTest {

    private static final WorkerId WORKER = new WorkerId("sluice-worker-0");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final JobManagerActor actor = new JobManagerActor(
            new JobManager(new RecordingControlChannel(), new RecordingTopicAdmin(), clock, Duration.ofSeconds(10)));
    private final RecordingPods pods = new RecordingPods(List.of("sluice-worker-0", "sluice-worker-1"));

    @AfterEach
    void stop() throws InterruptedException {
        actor.close();
    }

    @Test
    void the_job_of_the_spec_file_runs_and_its_end_deletes_the_workers_and_exits_0() throws Exception {
        ApplicationMode mode = mode("""
                {"name": "app", "operators": [
                  {"id": "gen", "type": "generator", "kind": "sequence", "count": 10},
                  {"id": "out", "type": "print", "input": "gen"}
                ]}""");
        on(jm -> jm.onMessage(new Heartbeat(WORKER, "w:8082", 1, List.of(), clock.instant().toEpochMilli())));

        JobId id = mode.start();
        report(id, TaskState.RUNNING);
        assertThat(mode.completion()).isNotDone();
        assertThat(pods.deleted).isEmpty();
        report(id, TaskState.FINISHED);

        assertThat(mode.completion().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(pods.deleted).containsExactly("sluice-worker-0", "sluice-worker-1");
        mode.close();
    }

    @Test
    void an_invalid_spec_stops_the_engine_from_starting() throws Exception {
        ApplicationMode mode = mode("{\"name\": \"app\", \"operators\": []}");

        assertThatThrownBy(mode::start).isInstanceOf(JobSpecException.class);
        mode.close();
    }

    @Test
    void exit_codes_follow_the_end_state() {
        assertThat(ApplicationJob.exitCode(JobStatus.FINISHED)).contains(0);
        assertThat(ApplicationJob.exitCode(JobStatus.FAILED)).contains(1);
        assertThat(ApplicationJob.exitCode(JobStatus.CANCELED)).contains(2);
        assertThat(ApplicationJob.exitCode(JobStatus.RUNNING)).isEmpty();
        assertThat(ApplicationJob.exitCode(JobStatus.CANCELLING)).isEmpty();
    }

    private ApplicationMode mode(String spec) throws Exception {
        Path file = Files.writeString(dir.resolve("job.json"), spec);
        return new ApplicationMode(actor, expression -> Optional.empty(), file, Duration.ofMillis(50),
                Optional.of(pods));
    }

    private void report(JobId id, TaskState state) throws Exception {
        on(jm -> {
            JobMaster job = jm.job(id).orElseThrow();
            for (TaskExecution task : job.tasks()) {
                jm.onMessage(new TaskStateChanged(task.worker().orElseThrow(), task.id(), job.attempt(), state, null,
                        clock.instant().toEpochMilli()));
            }
        });
    }

    private void on(Consumer<JobManager> command) throws Exception {
        actor.ask(jm -> {
            command.accept(jm);
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    private static final class RecordingPods implements WorkerPods {
        private final List<String> existing;
        final List<String> deleted = new ArrayList<>();

        RecordingPods(List<String> existing) {
            this.existing = existing;
        }

        @Override
        public List<String> list() {
            return existing;
        }

        @Override
        public void create(String name) {
            throw new UnsupportedOperationException("application mode creates no pods itself");
        }

        @Override
        public synchronized void delete(String name) {
            deleted.add(name);
        }
    }
}
