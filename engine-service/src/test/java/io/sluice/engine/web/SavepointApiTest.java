package io.sluice.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.testing.FakeKafkaTransport;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.AbortCheckpoint;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.DeclineCheckpoint;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.FinishSources;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.checkpoint.SubtaskState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Savepoints over REST on a real server, with the Kafka transport replaced by in-memory fakes: the worker side is
 * played by the test (task states, acknowledgements, snapshot files).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.engine.heartbeat-timeout=600s"})
@AutoConfigureWebTestClient(timeout = "60s") // a loaded 2-core machine can be slow
@Import(FakeKafkaTransport.class)
class SavepointApiTest {

    private static final String HEX32 = "[0-9a-f]{32}";
    private static final WorkerId WORKER = new WorkerId("savepoint-api-worker");

    @Autowired
    WebTestClient client;

    @Autowired
    RecordingControlChannel control;

    @Autowired
    JobManagerActor jobManager;

    @TempDir
    Path dir;

    @Test
    void savepointOfARunningJobCompletesWithItsLocationAndMetadata() throws Exception {
        RunningJob job = runningJob(spec("numbers", true, ""));

        String request = trigger(job.id(), "savepoints", "{\"target-directory\": \"" + dir + "\"}");
        client.get().uri("/jobs/{id}/savepoints/{request}", job.id(), request).exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"status\": {\"id\": \"IN_PROGRESS\"}}", true);
        TriggerCheckpoint trigger = lastTrigger(job);
        Path savepoint = Path.of(trigger.savepointDirectory());
        assertThat(savepoint.getParent()).isEqualTo(dir);
        assertThat(savepoint.getFileName().toString()).matches("savepoint-" + job.id().substring(0, 6) + "-[0-9a-f]{12}");
        assertThat(trigger.stopSources()).isFalse();

        acknowledgeAll(job, trigger, savepoint);

        String location = savepoint.toUri().toString();
        client.get().uri("/jobs/{id}/savepoints/{request}", job.id(), request).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status.id").isEqualTo("COMPLETED")
                .jsonPath("$.operation.location").isEqualTo(location)
                .jsonPath("$.operation.failure-cause").doesNotExist();
        String metadata = Files.readString(savepoint.resolve("_metadata.json"));
        assertThat(metadata).contains("\"uid\":\"numbers\"", "\"uid\":\"counts\"", "\"chain\":\"counts\"");
        client.get().uri("/jobs/{id}/checkpoints", job.id()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.counts.completed").isEqualTo(1)
                .jsonPath("$.latest.savepoint.is_savepoint").isEqualTo(true)
                .jsonPath("$.latest.savepoint.external_path").isEqualTo(location)
                .jsonPath("$.latest.completed").isEmpty()
                .jsonPath("$.history[0].checkpoint_type").isEqualTo("SAVEPOINT");
        client.get().uri("/jobs/{id}", job.id()).exchange().expectBody().jsonPath("$.state").isEqualTo("RUNNING");
    }

    @Test
    void stopTakesASavepointWithStoppedSourcesThenFinishesThem() throws Exception {
        RunningJob job = runningJob(spec("numbers", true, ""));

        String request = trigger(job.id(), "stop", "{\"targetDirectory\": \"" + dir + "\", \"drain\": false}");
        TriggerCheckpoint trigger = lastTrigger(job);
        assertThat(trigger.stopSources()).isTrue();
        assertThat(control.sent(FinishSources.class)).noneMatch(f -> f.jobId().equals(new JobId(job.id())));

        acknowledgeAll(job, trigger, Path.of(trigger.savepointDirectory()));

        assertThat(control.sent(FinishSources.class))
                .contains(new FinishSources(WORKER, new JobId(job.id()), job.deploy().attempt()));
        client.get().uri("/jobs/{id}/savepoints/{request}", job.id(), request).exchange()
                .expectBody().jsonPath("$.status.id").isEqualTo("COMPLETED");
    }

    @Test
    void aDeclinedStopSavepointFailsWithItsCauseAndTheSourcesGoOn() {
        RunningJob job = runningJob(spec("numbers", true, ""));
        String request = trigger(job.id(), "stop", "{\"targetDirectory\": \"" + dir + "\"}");
        TriggerCheckpoint trigger = lastTrigger(job);

        TaskId source = job.deploy().tasks().stream().filter(t -> t.chainId().equals("numbers")).findFirst()
                .orElseThrow();
        tell(new DeclineCheckpoint(WORKER, source, job.deploy().attempt(), trigger.checkpointId(), "disk full"));

        client.get().uri("/jobs/{id}/savepoints/{request}", job.id(), request).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status.id").isEqualTo("COMPLETED")
                .jsonPath("$.operation.location").doesNotExist()
                .jsonPath("$.operation.failure-cause.stack-trace").value(String.class,
                        cause -> assertThat(cause).contains("disk full"));
        // The aborted savepoint tells the stopped sources to go on; the job keeps running.
        assertThat(control.sent(AbortCheckpoint.class)).contains(
                new AbortCheckpoint(WORKER, new JobId(job.id()), job.deploy().attempt(), trigger.checkpointId()));
        assertThat(control.sent(FinishSources.class)).noneMatch(f -> f.jobId().equals(new JobId(job.id())));
        client.get().uri("/jobs/{id}", job.id()).exchange().expectBody().jsonPath("$.state").isEqualTo("RUNNING");
    }

    @Test
    void resumingMatchesOperatorsByUidAndDeploysTheirSavepointStateAtTheNewParallelism() throws Exception {
        Path savepoint = completedSavepoint();

        // The source's state has uid "numbers": a job without that uid is refused unless it allows that.
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(spec("renamed", true, ",\"savepointPath\": \"" + savepoint.toUri() + "\"")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$.savepointPath")
                .jsonPath("$.field-errors[0].reason").value(String.class, reason ->
                        assertThat(reason).contains("uid 'numbers'", "allowNonRestoredState"));
        submit(spec("renamed", true, ",\"savepointPath\": \"" + savepoint + "\", \"allowNonRestoredState\": true"));

        control.clear();
        String id = submit(spec("numbers", true, ",\"savepointPath\": \"" + savepoint + "\"").replace(
                "\"parallelism\": 1", "\"parallelism\": 2"));
        List<TaskRestore> restores = control.sent(DeployTasks.class).stream()
                .filter(d -> d.plan().jobId().equals(new JobId(id)))
                .flatMap(d -> d.restores().stream())
                .toList();
        assertThat(restores).extracting(r -> r.task().chainId() + "-" + r.task().subtask())
                .containsExactlyInAnyOrder("numbers-0", "numbers-1");
        assertThat(restores).allSatisfy(restore -> {
            assertThat(restore.fromSavepoint()).isTrue();
            assertThat(restore.operators()).singleElement().satisfies(operator -> {
                assertThat(operator.uid()).isEqualTo("numbers");
                assertThat(operator.parallelism()).isEqualTo(1);
                assertThat(operator.subtaskLocations())
                        .containsExactly(savepoint.resolve("numbers-0").toUri().toString());
            });
        });
    }

    @Test
    void submissionsNamingNoSavepointOrAnotherMaxParallelismAreRejectedNamingTheField() throws Exception {
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(spec("numbers", true, ",\"savepointPath\": \"" + dir.resolve("nothing") + "\"")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$.savepointPath")
                .jsonPath("$.field-errors[0].reason").value(String.class, r -> assertThat(r).contains("no savepoint"));
        Path savepoint = completedSavepoint();
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(spec("numbers", true, ",\"savepointPath\": \"" + savepoint + "\", \"max-parallelism\": 64"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field-errors[0].field").isEqualTo("$.max-parallelism");
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(spec("numbers", true, ",\"allowNonRestoredState\": true")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field-errors[0].field").isEqualTo("$.allowNonRestoredState");
    }

    @Test
    void badBodiesAreRejectedFieldByField() {
        RunningJob job = runningJob(spec("numbers", true, ""));
        client.post().uri("/jobs/{id}/savepoints", job.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"target-directory\": 5, \"cancel-job\": \"yes\", \"target\": \"/tmp\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field-errors[*].field").value(List.class, fields -> assertThat(fields)
                        .containsExactlyInAnyOrder("$.target", "$.target-directory", "$.cancel-job"));
        client.post().uri("/jobs/{id}/savepoints", job.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"target-directory\": \"relative/dir\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field-errors[0].reason").value(String.class,
                        reason -> assertThat(reason).contains("absolute"));
        client.post().uri("/jobs/{id}/stop", job.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$.targetDirectory")
                .jsonPath("$.field-errors[0].reason").value(String.class,
                        reason -> assertThat(reason).contains("sluice.engine.savepoint-dir"));
        client.post().uri("/jobs/{id}/savepoints", job.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[1, 2").exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void unknownJobsAndRequestsAre404AndJobsThatCannotTakeOneAre409() {
        String unknown = "0123456789abcdef0123456789abcdef";
        String body = "{\"target-directory\": \"" + dir + "\"}";
        client.post().uri("/jobs/{id}/savepoints", unknown).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isNotFound();
        client.post().uri("/jobs/not-a-job/stop").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isNotFound();
        client.get().uri("/jobs/{id}/savepoints/{request}", unknown, "x").exchange().expectStatus().isNotFound();

        RunningJob job = runningJob(spec("numbers", true, ""));
        client.get().uri("/jobs/{id}/savepoints/{request}", job.id(), unknown).exchange()
                .expectStatus().isNotFound();
        // Without checkpointing there is no savepoint.
        RunningJob unchecked = runningJob(spec("numbers", false, ""));
        client.post().uri("/jobs/{id}/savepoints", unchecked.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("checkpoint"));
        // A job waiting for slots is not running.
        String waiting = submit(spec("numbers", true, "").replace("\"parallelism\": 1", "\"parallelism\": 100"));
        client.post().uri("/jobs/{id}/savepoints", waiting).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("CREATED"));
        // One savepoint at a time.
        trigger(job.id(), "savepoints", body);
        client.post().uri("/jobs/{id}/savepoints", job.id()).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(409);
    }

    // ---- helpers

    private record RunningJob(String id, DeployTasks deploy) {}

    /** Submits the spec and plays the worker until every task runs. */
    private RunningJob runningJob(String spec) {
        tell(new Heartbeat(WORKER, "localhost:9999", 100, List.of(), 0));
        String id = submit(spec);
        DeployTasks deploy = control.sent(DeployTasks.class).stream()
                .filter(d -> d.plan().jobId().equals(new JobId(id)))
                .findFirst().orElseThrow();
        deploy.tasks().forEach(task -> tell(new TaskStateChanged(WORKER, task, deploy.attempt(), TaskState.RUNNING,
                null, 0)));
        client.get().uri("/jobs/{id}", id).exchange().expectBody().jsonPath("$.state").isEqualTo("RUNNING");
        return new RunningJob(id, deploy);
    }

    /** A savepoint of a job whose source (uid numbers, parallelism 1) has a position; its directory. */
    private Path completedSavepoint() throws Exception {
        RunningJob job = runningJob(spec("numbers", true, ""));
        String request = trigger(job.id(), "savepoints", "{\"target-directory\": \"" + dir + "\"}");
        TriggerCheckpoint trigger = lastTrigger(job);
        Path savepoint = Path.of(trigger.savepointDirectory());
        acknowledgeAll(job, trigger, savepoint);
        client.get().uri("/jobs/{id}/savepoints/{request}", job.id(), request).exchange()
                .expectBody().jsonPath("$.status.id").isEqualTo("COMPLETED");
        return savepoint;
    }

    /** Every task writes its part (the source a position) and acknowledges, as workers do. */
    private void acknowledgeAll(RunningJob job, TriggerCheckpoint trigger, Path savepoint) throws Exception {
        for (TaskId task : job.deploy().tasks()) {
            Path directory = Files.createDirectories(savepoint.resolve(task.chainId() + "-" + task.subtask()));
            Map<String, Long> position = task.chainId().equals("numbers") ? Map.of("next", 42L) : Map.of();
            new SubtaskState(null, position, List.of(), true).write(directory);
            tell(new AcknowledgeCheckpoint(WORKER, task, job.deploy().attempt(), trigger.checkpointId(),
                    new TaskSnapshot(directory.toUri().toString(), 10, 10)));
        }
    }

    private TriggerCheckpoint lastTrigger(RunningJob job) {
        List<TriggerCheckpoint> triggers = control.sent(TriggerCheckpoint.class).stream()
                .filter(t -> t.jobId().equals(new JobId(job.id())))
                .toList();
        assertThat(triggers).isNotEmpty();
        TriggerCheckpoint trigger = triggers.get(triggers.size() - 1);
        assertThat(trigger.savepointDirectory()).isNotNull();
        assertThat(URI.create(Path.of(trigger.savepointDirectory()).toUri().toString())).isNotNull();
        return trigger;
    }

    private String trigger(String jobId, String endpoint, String body) {
        Map<?, ?> answer = client.post().uri("/jobs/{id}/" + endpoint, jobId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        String request = (String) answer.get("request-id");
        assertThat(request).matches(HEX32);
        return request;
    }

    private String submit(String spec) {
        Map<?, ?> body = client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(spec).exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("jobid");
    }

    /** Delivers a worker message and waits until the job manager has handled it. */
    private void tell(ControlMessage.ToEngine message) {
        jobManager.ask(jm -> {
            jm.onMessage(message);
            return null;
        }).join();
    }

    /** generator (uid as given) → keyed count → print; checkpointed once an hour (so only savepoints happen). */
    private static String spec(String sourceUid, boolean checkpointing, String extra) {
        return """
                {"name": "savepoint-api-test", "parallelism": 1 %s %s, "operators": [
                  {"id": "numbers", "uid": "%s", "type": "generator", "kind": "sequence"},
                  {"id": "counts", "type": "count", "input": "numbers", "key-by": "value %% 3"},
                  {"id": "out", "type": "print", "input": "counts"}
                ]}""".formatted(checkpointing ? ", \"checkpointing\": {\"interval\": \"1h\"}" : "", extra, sourceUid);
    }
}
