package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.metrics.BackPressureLevel;
import io.sluice.engine.metrics.VertexMetrics;
import io.sluice.protocol.SubtaskMetrics;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /jobs/{jobid}/vertices/{vertexid}/backpressure}: Flink's shape. {@code status} is "ok" once every
 * subtask has reported ("deprecated" never applies: ratios are measured continuously, not sampled on request).
 */
public record VertexBackPressure(
        String status,
        @JsonProperty("backpressure-level") String backPressureLevel,
        @JsonProperty("end-timestamp") long endTimestamp,
        List<Subtask> subtasks) {

    public record Subtask(
            int subtask,
            @JsonProperty("backpressure-level") String backPressureLevel,
            double ratio,
            @JsonProperty("idleRatio") double idleRatio,
            @JsonProperty("busyRatio") double busyRatio) {}

    static VertexBackPressure of(VertexMetrics metrics, Instant now) {
        List<Subtask> subtasks = metrics.subtasks().stream().map(s -> new Subtask(
                s.index(),
                s.backPressureLevel().restName(),
                s.backPressureRatio(),
                s.task().map(SubtaskMetrics::idleRatio).orElse(0.0),
                s.task().map(SubtaskMetrics::busyRatio).orElse(0.0))).toList();
        boolean complete = metrics.subtasks().stream().allMatch(s -> s.task().isPresent());
        return new VertexBackPressure(
                complete ? "ok" : "in-progress",
                BackPressureLevel.of(metrics.backPressureRatio()).restName(),
                RestTime.millis(now),
                subtasks);
    }
}
