package io.sluice.engine.web;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.metrics.TaskMetricsRegistry;
import io.sluice.protocol.WorkerId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** {@code GET /taskmanagers/{tmid}}: one worker with its metrics and tasks. */
@RestController
public class TaskManagerController {

    private final JobManagerActor jobManager;
    private final TaskMetricsRegistry registry;

    public TaskManagerController(JobManagerActor jobManager, TaskMetricsRegistry registry) {
        this.jobManager = jobManager;
        this.registry = registry;
    }

    @GetMapping(path = "/taskmanagers/{tmid}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<TaskManagerDetails> taskManager(@PathVariable("tmid") String tmid) {
        return Mono.fromFuture(() -> jobManager.ask(jm -> {
            // Blank ids cannot reach here: the path segment would be empty.
            return TaskManagerDetails.of(jm.workers().worker(new WorkerId(tmid)).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "no task manager " + tmid)), registry, jm.jobs());
        }));
    }
}
