package io.sluice.engine.web;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.UnknownJobException;
import io.sluice.engine.savepoint.DefaultSavepointDirectory;
import io.sluice.protocol.JobId;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Savepoints and stop-with-savepoint, Flink-shaped. Handlers only parse and hop onto the job manager's thread. */
@RestController
@RequestMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
public class SavepointController {

    /** Bodies are two small fields. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final JobManagerActor jobManager;
    private final String defaultDirectory;

    public SavepointController(JobManagerActor jobManager, DefaultSavepointDirectory defaultDirectory) {
        this.jobManager = jobManager;
        this.defaultDirectory = defaultDirectory.directory();
    }

    /** Body {@code {"target-directory": ..., "cancel-job": bool}} (optional) → 202 {@code {"request-id"}}. */
    @PostMapping("/{jobid}/savepoints")
    public Mono<ResponseEntity<SavepointTriggered>> savepoint(
            @PathVariable("jobid") String jobid, ServerHttpRequest request) {
        JobId id = jobId(jobid);
        return body(request)
                .map(text -> SavepointRequestBody.savepoint(text, defaultDirectory))
                .flatMap(body -> trigger(id, body));
    }

    /** Stop with savepoint: body {@code {"targetDirectory": ..., "drain": bool}} → 202 {@code {"request-id"}}. */
    @PostMapping("/{jobid}/stop")
    public Mono<ResponseEntity<SavepointTriggered>> stop(@PathVariable("jobid") String jobid, ServerHttpRequest request) {
        JobId id = jobId(jobid);
        return body(request)
                .map(text -> SavepointRequestBody.stop(text, defaultDirectory))
                .flatMap(body -> trigger(id, body));
    }

    @GetMapping("/{jobid}/savepoints/{requestid}")
    public Mono<SavepointInfo> status(@PathVariable("jobid") String jobid, @PathVariable("requestid") String requestId) {
        JobId id = jobId(jobid);
        return ask(jm -> SavepointInfo.of(jm.savepointStatus(id, requestId)));
    }

    private Mono<ResponseEntity<SavepointTriggered>> trigger(JobId id, SavepointRequestBody body) {
        return ask(jm -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new SavepointTriggered(jm.triggerSavepoint(id, body.targetDirectory(), body.mode()))));
    }

    private static Mono<String> body(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(SavepointController::text)
                .defaultIfEmpty("");
    }

    private <T> Mono<T> ask(Function<JobManager, T> function) {
        return Mono.fromFuture(() -> jobManager.ask(function));
    }

    /** A malformed id names no job: 404, like an unknown one. */
    private static JobId jobId(String text) {
        if (!JobId.isValid(text)) {
            throw new UnknownJobException(text);
        }
        return new JobId(text);
    }

    private static String text(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
