package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.metrics.VertexMetrics;
import io.sluice.engine.scheduler.WorkerRegistry;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.SubtaskMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /jobs/{jobid}/vertices/{vertexid}}: Flink's vertex details (per subtask: status, attempt, host,
 * task manager, times, metrics), plus per-subtask time ratios, back-pressure, input lag and the watermarks.
 */
public record VertexDetails(
        String id,
        String name,
        String operator,
        int parallelism,
        @JsonProperty("maxParallelism") int maxParallelism,
        long now,
        Watermark watermarks,
        List<Subtask> subtasks) {

    /** The vertex's current watermarks: the minimum over its subtasks (null: not every subtask has one). */
    public record Watermark(Long input, Long output) {}

    public record Subtask(
            int subtask,
            String status,
            int attempt,
            String host,
            @JsonProperty("taskmanager-id") String taskManagerId,
            @JsonProperty("start-time") long startTime,
            @JsonProperty("end-time") long endTime,
            long duration,
            Metrics metrics) {}

    /** Null fields: the subtask has not reported yet. Ratios are shares of the last second. */
    public record Metrics(
            @JsonProperty("read-records") Long readRecords,
            @JsonProperty("write-records") Long writeRecords,
            @JsonProperty("read-records-per-second") Double readRecordsPerSecond,
            @JsonProperty("write-records-per-second") Double writeRecordsPerSecond,
            @JsonProperty("read-bytes") Long readBytes,
            @JsonProperty("write-bytes") Long writeBytes,
            @JsonProperty("busy-ratio") Double busyRatio,
            @JsonProperty("idle-ratio") Double idleRatio,
            @JsonProperty("backpressure-ratio") double backPressureRatio,
            @JsonProperty("backpressure-level") String backPressureLevel,
            @JsonProperty("input-watermark") Long inputWatermark,
            @JsonProperty("output-watermark") Long outputWatermark,
            @JsonProperty("input-lag") Long inputLag) {}

    static VertexDetails of(JobMaster job, VertexSpec vertex, VertexMetrics metrics, WorkerRegistry workers,
            Instant now) {
        List<Subtask> subtasks = metrics.subtasks().stream().map(s -> subtask(job, s, workers, now)).toList();
        return new VertexDetails(
                VertexHexId.of(vertex.id()),
                vertex.name(),
                io.sluice.graph.OperatorTypes.typeName(vertex.operator()),
                vertex.parallelism(),
                job.graph().config().maxParallelism(),
                RestTime.millis(now),
                new Watermark(Watermarks.rest(metrics.inputWatermark()), Watermarks.rest(metrics.outputWatermark())),
                subtasks);
    }

    private static Subtask subtask(JobMaster job, VertexMetrics.Subtask s, WorkerRegistry workers, Instant now) {
        var execution = s.execution();
        String worker = execution.worker().map(w -> w.value()).orElse(null);
        String host = execution.worker().flatMap(workers::worker).map(w -> w.address()).orElse(null);
        Optional<SubtaskMetrics> task = s.task();
        var operator = s.operator();
        long lag = task.map(t -> t.inputs().stream().mapToLong(SubtaskMetrics.InputMetrics::lag)
                .reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b)).orElse(-1L);
        return new Subtask(
                s.index(),
                execution.state().name(),
                job.attempt(),
                host,
                worker,
                RestTime.millis(execution.startTime()),
                RestTime.millis(execution.endTime()),
                RestTime.duration(execution.startTime(), execution.endTime(), now),
                new Metrics(
                        operator.map(o -> o.recordsIn()).orElse(null),
                        operator.map(o -> o.recordsOut()).orElse(null),
                        operator.map(o -> o.recordsInPerSecond()).orElse(null),
                        operator.map(o -> o.recordsOutPerSecond()).orElse(null),
                        task.map(SubtaskMetrics::bytesIn).orElse(null),
                        task.map(SubtaskMetrics::bytesOut).orElse(null),
                        task.map(SubtaskMetrics::busyRatio).orElse(null),
                        task.map(SubtaskMetrics::idleRatio).orElse(null),
                        s.backPressureRatio(),
                        s.backPressureLevel().restName(),
                        operator.map(o -> Watermarks.rest(o.inputWatermark())).orElse(null),
                        operator.map(o -> Watermarks.rest(o.outputWatermark())).orElse(null),
                        task.isEmpty() || task.get().inputs().isEmpty() || lag < 0 ? null : lag));
    }
}
