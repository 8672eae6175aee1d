package io.sluice.engine.web;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.UnknownJobException;
import io.sluice.engine.savepoint.SavepointRestorePlan;
import io.sluice.graph.json.ExpressionChecker;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.graph.json.SpecCheck;
import io.sluice.protocol.JobId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Job endpoints, Flink-shaped. Handlers only parse and hop onto the job manager's thread. */
@RestController
@RequestMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
public class JobController {

    /** Largest accepted spec; larger bodies get 413. */
    static final int MAX_SPEC_BYTES = 1024 * 1024;

    private final JobManagerActor jobManager;
    private final ExpressionChecker expressionChecker;
    private final SpecCheck clusterCheck;

    /** @param clusterCheck checks against the cluster (source topics exist) when configured */
    public JobController(JobManagerActor jobManager, ExpressionChecker expressionChecker,
            ObjectProvider<SpecCheck> clusterCheck) {
        this.jobManager = jobManager;
        this.expressionChecker = expressionChecker;
        this.clusterCheck = clusterCheck.getIfAvailable(() -> SpecCheck.NONE);
    }

    /** Body: the JSON job spec (any content type). */
    @PostMapping
    public Mono<ResponseEntity<JobSubmitted>> submit(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), MAX_SPEC_BYTES)
                .map(JobController::text)
                .defaultIfEmpty("")
                // Parsing and expression checks are CPU work on up to 1 MiB: keep them off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(json -> JobSpecParser.parse(json, expressionChecker, clusterCheck))
                // A savepoint to resume from is read and matched to the job here too (file reads).
                .flatMap(graph -> {
                    SavepointRestorePlan savepoint = SavepointRestorePlan.of(graph).orElse(null);
                    return ask(jm -> jm.submit(graph, savepoint));
                })
                .map(id -> ResponseEntity.accepted().body(new JobSubmitted(id.hex())));
    }

    @GetMapping
    public Mono<JobList> list() {
        return ask(jm -> JobList.of(jm.jobs()));
    }

    @GetMapping("/overview")
    public Mono<JobsOverview> overview() {
        return ask(jm -> JobsOverview.of(jm.jobs(), jm.clock().instant()));
    }

    @GetMapping("/{jobid}")
    public Mono<JobDetails> details(@PathVariable("jobid") String jobid) {
        JobId id = jobId(jobid);
        return ask(jm -> JobDetails.of(jm.job(id).orElseThrow(() -> new UnknownJobException(jobid)),
                jm.clock().instant()));
    }

    @GetMapping("/{jobid}/exceptions")
    public Mono<JobExceptions> exceptions(@PathVariable("jobid") String jobid) {
        JobId id = jobId(jobid);
        return ask(jm -> JobExceptions.of(jm.job(id).orElseThrow(() -> new UnknownJobException(jobid))));
    }

    /** Checkpoint statistics; 404 when the job does not checkpoint. */
    @GetMapping("/{jobid}/checkpoints")
    public Mono<CheckpointingStatistics> checkpoints(@PathVariable("jobid") String jobid) {
        JobId id = jobId(jobid);
        return ask(jm -> jm.job(id).orElseThrow(() -> new UnknownJobException(jobid)).checkpointStats()
                .map(CheckpointingStatistics::of)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "job " + jobid + " does not checkpoint")));
    }

    /** Flink's cancel: {@code PATCH /jobs/{jobid}?mode=cancel} → 202 {@code {}}. */
    @PatchMapping("/{jobid}")
    public Mono<ResponseEntity<Map<String, Object>>> patch(
            @PathVariable("jobid") String jobid, @RequestParam(name = "mode", defaultValue = "cancel") String mode) {
        if (!mode.equals("cancel")) {
            return Mono.error(new ServerWebInputException("mode must be 'cancel', not '" + mode + "'"));
        }
        JobId id = jobId(jobid);
        return ask(jm -> {
            jm.cancel(id);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of());
        });
    }

    private <T> Mono<T> ask(Function<JobManager, T> function) {
        return Mono.fromFuture(() -> jobManager.ask(function));
    }

    /** A malformed id names no job: 404, like an unknown one. */
    static JobId jobId(String text) {
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
