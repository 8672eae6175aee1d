package io.sluice.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.testing.FakeKafkaTransport;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The REST API on a real server, with the Kafka transport replaced by in-memory fakes. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.engine.heartbeat-timeout=60s"})
@AutoConfigureWebTestClient(timeout = "30s") // a loaded 2-core CI machine can take over 5 s (the default)
@Import(FakeKafkaTransport.class)
class EngineApiTest {

    private static final String HEX32 = "[0-9a-f]{32}";

    @Autowired
    WebTestClient client;

    @Autowired
    RecordingControlChannel control;

    @Autowired
    JobManagerActor jobManager;

    @Test
    void validSpecIsAcceptedAndWaitsVisiblyForSlots() {
        String id = submit(spec(50, "\"#upper(value)\""));

        assertThat(id).matches(HEX32);
        client.get().uri("/jobs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.jobs[?(@.id == '%s')].status".formatted(id)).isEqualTo(List.of("CREATED"));
        client.get().uri("/jobs/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jid").isEqualTo(id)
                .jsonPath("$.name").isEqualTo("api-test")
                .jsonPath("$.state").isEqualTo("CREATED")
                .jsonPath("$.waiting-reason").value(String.class,
                        reason -> assertThat(reason).matches("waiting for 50 slots, \\d+ available"))
                .jsonPath("$.failure-cause").isEmpty()
                .jsonPath("$.end-time").isEqualTo(-1)
                .jsonPath("$.timestamps.CREATED").value(Long.class, t -> assertThat(t).isPositive())
                .jsonPath("$.timestamps.RUNNING").isEqualTo(0)
                // md5("lines") and md5("out"), computed outside the code under test
                .jsonPath("$.vertices[0].id").isEqualTo("980da98409d058c365664ff7ea33dd6b")
                .jsonPath("$.vertices[0].status").isEqualTo("CREATED")
                .jsonPath("$.vertices[0].tasks.CREATED").isEqualTo(50)
                .jsonPath("$.vertices[2].id").isEqualTo("c68271a63ddbc431c307beb7d2918275")
                .jsonPath("$.status-counts.CREATED").isEqualTo(3)
                .jsonPath("$.plan.chains[0].vertices.length()").isEqualTo(3);
        client.get().uri("/jobs/overview").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[?(@.jid == '%s')].tasks.total".formatted(id)).isEqualTo(List.of(50))
                .jsonPath("$.jobs[?(@.jid == '%s')].end-time".formatted(id)).isEqualTo(List.of(-1));
    }

    @Test
    void invalidSpecIsAProblemNamingTheOperatorFields() {
        String spec = """
                {"name": "bad", "operators": [
                  {"id": "lines", "type": "generator", "kind": "sequence", "count": 10},
                  {"id": "out", "type": "print", "input": "lines", "parallelism": 0}
                ]}""";

        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(spec).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:sluice:problem:invalid-job-spec")
                .jsonPath("$.title").isEqualTo("Invalid job spec")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.errors[0]").value(String.class,
                        e -> assertThat(e).startsWith("$.operators[1].parallelism: "))
                .jsonPath("$.field-errors[0].field").isEqualTo("$.operators[1].parallelism")
                .jsonPath("$.field-errors[0].reason").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void malformedJsonIsABadRequest() {
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$")
                .jsonPath("$.errors[0]").value(String.class, e -> assertThat(e).contains("malformed JSON"));
    }

    @Test
    void expressionReadingAFieldTheGeneratorDoesNotHaveIsRejectedAtItsField() {
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(spec(1, "\"#upper(valu)\""))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$.operators[1].expression")
                .jsonPath("$.field-errors[0].reason").isEqualTo("unknown field 'valu'; the input's fields are: value");
    }

    @Test
    void expressionReachingForJavaTypesIsRejectedAtItsField() {
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(spec(1, "\"T(java.lang.Runtime).getRuntime().exec('id')\"")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$.operators[1].expression")
                .jsonPath("$.errors[0]").value(String.class,
                        e -> assertThat(e).startsWith("$.operators[1].expression: "));
    }

    @Test
    void specLargerThanOneMebibyteIsRefused() {
        String padding = " ".repeat(JobController.MAX_SPEC_BYTES);
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(spec(1, "\"value\"") + padding)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownOrMalformedJobIdIsNotFound() {
        client.get().uri("/jobs/{id}", JobId.random().hex()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.title").isEqualTo("Not Found");
        client.get().uri("/jobs/not-a-job-id").exchange().expectStatus().isNotFound();
        client.patch().uri("/jobs/{id}?mode=cancel", JobId.random().hex()).exchange().expectStatus().isNotFound();
    }

    @Test
    void everyEndpointIsAlsoServedUnderV1() {
        client.get().uri("/v1/overview").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.taskmanagers").isNumber()
                .jsonPath("$.slots-total").isNumber()
                .jsonPath("$.slots-available").isNumber()
                .jsonPath("$.jobs-running").isNumber()
                .jsonPath("$.jobs-finished").isNumber()
                .jsonPath("$.jobs-cancelled").isNumber()
                .jsonPath("$.jobs-failed").isNumber()
                .jsonPath("$.sluice-version").isNotEmpty()
                .jsonPath("$.sluice-commit").isNotEmpty();
        client.get().uri("/v1/jobs").exchange().expectStatus().isOk().expectBody().jsonPath("$.jobs").isArray();
    }

    @Test
    void configTellsTheDashboardHowToBehave() {
        client.get().uri("/config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.refresh-interval").isEqualTo(3000)
                .jsonPath("$.timezone-name").isNotEmpty()
                .jsonPath("$.sluice-version").isNotEmpty();
    }

    @Test
    void cancelFlowEndsCanceledAndASecondCancelConflicts() {
        WorkerId worker = new WorkerId("api-test-worker");
        tell(new Heartbeat(worker, "localhost:9999", 1, List.of(), 0));
        client.get().uri("/taskmanagers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.taskmanagers[?(@.id == 'api-test-worker')].path").isEqualTo(List.of("localhost:9999"))
                .jsonPath("$.taskmanagers[?(@.id == 'api-test-worker')].slotsNumber").isEqualTo(List.of(1))
                .jsonPath("$.taskmanagers[?(@.id == 'api-test-worker')].freeSlots").isEqualTo(List.of(1));

        String id = submit(spec(1, "\"value\""));
        JobId jobId = new JobId(id);
        List<DeployTasks> deploys = control.sent(DeployTasks.class).stream()
                .filter(d -> d.plan().jobId().equals(jobId))
                .toList();
        assertThat(deploys).singleElement().satisfies(d -> assertThat(d.worker()).isEqualTo(worker));
        TaskId task = deploys.get(0).tasks().get(0);
        tell(new TaskStateChanged(worker, task, deploys.get(0).attempt(), TaskState.RUNNING, null, 0));
        client.get().uri("/jobs/{id}", id).exchange().expectBody().jsonPath("$.state").isEqualTo("RUNNING");

        client.patch().uri("/v1/jobs/{id}?mode=cancel", id).exchange()
                .expectStatus().isAccepted()
                .expectBody().json("{}");

        assertThat(control.sent(CancelJob.class)).contains(new CancelJob(worker, jobId));
        client.get().uri("/jobs/{id}", id).exchange().expectBody().jsonPath("$.state").isEqualTo("CANCELLING");
        tell(new TaskStateChanged(worker, task, deploys.get(0).attempt(), TaskState.CANCELED, null, 0));
        client.get().uri("/jobs/{id}", id).exchange()
                .expectBody()
                .jsonPath("$.state").isEqualTo("CANCELED")
                .jsonPath("$.vertices[0].status").isEqualTo("CANCELED")
                .jsonPath("$.end-time").value(Long.class, t -> assertThat(t).isPositive());

        client.patch().uri("/jobs/{id}?mode=cancel", id).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void onlyCancelIsAPatchMode() {
        String id = submit(spec(50, "\"value\""));
        client.patch().uri("/jobs/{id}?mode=stop", id).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void rootServesTheDashboard() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("<title>Sluice"));
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

    /** generator → map (the given expression) → print, all forward: one chain of {@code parallelism} tasks. */
    private static String spec(int parallelism, String mapExpression) {
        return """
                {"name": "api-test", "parallelism": %d, "operators": [
                  {"id": "lines", "type": "generator", "kind": "sequence", "count": 10},
                  {"id": "upper", "type": "map", "input": "lines", "expression": %s},
                  {"id": "out", "type": "print", "input": "upper"}
                ]}""".formatted(parallelism, mapExpression);
    }
}
