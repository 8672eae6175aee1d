package io.sluice.engine.web;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.UnknownJobException;
import io.sluice.engine.metrics.TaskMetricsRegistry;
import io.sluice.engine.metrics.VertexMetrics;
import io.sluice.graph.VertexSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The job graph, its configuration and its vertices with their live metrics, Flink-shaped: what the dashboard's job page reads. */
@RestController
@RequestMapping(path = "/jobs/{jobid}", produces = MediaType.APPLICATION_JSON_VALUE)
public class JobMetricsController {

    private final JobManagerActor jobManager;
    private final TaskMetricsRegistry registry;

    public JobMetricsController(JobManagerActor jobManager, TaskMetricsRegistry registry) {
        this.jobManager = jobManager;
        this.registry = registry;
    }

    @GetMapping("/plan")
    public Mono<JobPlan> plan(@PathVariable("jobid") String jobid) {
        return askJob(jobid, (jm, job) -> JobPlan.of(job, registry));
    }

    @GetMapping("/config")
    public Mono<JobConfigView> config(@PathVariable("jobid") String jobid) {
        return askJob(jobid, (jm, job) -> JobConfigView.of(job));
    }

    @GetMapping("/vertices/{vertexid}")
    public Mono<VertexDetails> vertex(@PathVariable("jobid") String jobid, @PathVariable("vertexid") String vertexid) {
        return askJob(jobid, (jm, job) -> {
            VertexSpec vertex = vertex(job, vertexid);
            return VertexDetails.of(job, vertex, VertexMetrics.of(job, vertex.id(), registry), jm.workers(),
                    jm.clock().instant());
        });
    }

    @GetMapping("/vertices/{vertexid}/backpressure")
    public Mono<VertexBackPressure> backPressure(
            @PathVariable("jobid") String jobid, @PathVariable("vertexid") String vertexid) {
        return askJob(jobid, (jm, job) -> VertexBackPressure.of(
                VertexMetrics.of(job, vertex(job, vertexid).id(), registry), jm.clock().instant()));
    }

    /**
     * Flink's {@code /watermarks}: {@code [{"id": "<subtask>.currentInputWatermark", "value": "<millis>"}]}, the value
     * a string as in Flink, {@link Long#MIN_VALUE} before the first watermark.
     */
    @GetMapping("/vertices/{vertexid}/watermarks")
    public Mono<List<Map<String, String>>> watermarks(
            @PathVariable("jobid") String jobid, @PathVariable("vertexid") String vertexid) {
        return askJob(jobid, (jm, job) -> VertexMetrics.of(job, vertex(job, vertexid).id(), registry).subtasks()
                .stream()
                .flatMap(s -> s.operator().stream().map(o -> Map.of(
                        "id", s.index() + ".currentInputWatermark",
                        "value", Long.toString(o.inputWatermark()))))
                .toList());
    }

    private <T> Mono<T> askJob(String jobid, java.util.function.BiFunction<JobManager, JobMaster, T> function) {
        var id = JobController.jobId(jobid);
        Function<JobManager, T> query =
                jm -> function.apply(jm, jm.job(id).orElseThrow(() -> new UnknownJobException(jobid)));
        return Mono.fromFuture(() -> jobManager.ask(query));
    }

    private static VertexSpec vertex(JobMaster job, String hexId) {
        return job.graph().vertices().stream().filter(v -> VertexHexId.of(v.id()).equals(hexId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "job " + job.id().hex() + " has no vertex " + hexId));
    }
}
