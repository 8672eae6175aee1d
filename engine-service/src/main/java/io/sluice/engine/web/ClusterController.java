package io.sluice.engine.web;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import java.time.ZoneId;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Cluster-wide endpoints: overview, workers (Flink's "taskmanagers"), dashboard config. */
@RestController
public class ClusterController {

    private final JobManagerActor jobManager;
    private final SluiceVersion version;

    public ClusterController(JobManagerActor jobManager, SluiceVersion version) {
        this.jobManager = jobManager;
        this.version = version;
    }

    @GetMapping(path = "/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ClusterOverview> overview() {
        return ask(jm -> ClusterOverview.of(jm, version));
    }

    @GetMapping(path = "/taskmanagers", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<TaskManagers> taskManagers() {
        return ask(jm -> TaskManagers.of(jm.workers()));
    }

    @GetMapping(path = "/config", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<DashboardConfig> config() {
        return ask(jm -> DashboardConfig.of(ZoneId.systemDefault(), jm.clock().instant(), version));
    }

    private <T> Mono<T> ask(Function<JobManager, T> function) {
        return Mono.fromFuture(() -> jobManager.ask(function));
    }
}
