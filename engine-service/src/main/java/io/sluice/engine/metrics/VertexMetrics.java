package io.sluice.engine.metrics;

import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.TaskExecution;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.SubtaskMetrics;
import io.sluice.protocol.SubtaskMetrics.OperatorMetrics;
import java.util.List;
import java.util.Optional;

/**
 * What one vertex (operator) of a job measures across its subtasks, from the latest reports of the job's current
 * attempt. A vertex's subtask shares the task-level numbers (time ratios, bytes) of the chain it runs in, as in
 * Flink.
 *
 * <p>Back-pressure of a subtask is the larger of two ratios: the time its task was blocked writing (Flink's
 * definition), and the time a downstream task that reads the chain's output was backlogged, with more records
 * waiting in its Kafka partitions than one fetch brings. With Kafka between tasks, a writer rarely blocks: a slow
 * consumer shows up as backlog instead, and that is what a user asks "is my upstream held back?" about.
 */
public record VertexMetrics(String vertexId, List<Subtask> subtasks) {

    /** One subtask: where it runs, its task's numbers (if reported yet) and this operator's own. */
    public record Subtask(int index, TaskExecution execution, Optional<SubtaskMetrics> task,
            Optional<OperatorMetrics> operator, double backPressureRatio) {

        public BackPressureLevel backPressureLevel() {
            return BackPressureLevel.of(backPressureRatio);
        }
    }

    public static VertexMetrics of(JobMaster job, String vertexId, TaskMetricsRegistry registry) {
        ChainSpec chain = job.plan().chains().stream().filter(c -> c.vertexIds().contains(vertexId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vertex " + vertexId + " in job " + job.id()));
        String tail = chain.vertexIds().get(chain.vertexIds().size() - 1);
        double downstreamBacklog = job.tasks().stream()
                .flatMap(t -> registry.task(t.id(), job.attempt()).stream())
                .flatMap(m -> m.inputs().stream())
                .filter(input -> input.sourceVertex().equals(tail))
                .mapToDouble(SubtaskMetrics.InputMetrics::backloggedRatio)
                .max().orElse(0);
        List<Subtask> subtasks = job.tasksOfVertex(vertexId).stream().map(execution -> {
            Optional<SubtaskMetrics> task = registry.task(execution.id(), job.attempt());
            Optional<OperatorMetrics> operator = task.flatMap(m -> m.operators().stream()
                    .filter(o -> o.vertexId().equals(vertexId)).findFirst());
            double ratio = Math.max(downstreamBacklog, task.map(SubtaskMetrics::backPressuredRatio).orElse(0.0));
            return new Subtask(execution.id().subtask(), execution, task, operator, ratio);
        }).toList();
        return new VertexMetrics(vertexId, subtasks);
    }

    public long recordsIn() {
        return operators().mapToLong(OperatorMetrics::recordsIn).sum();
    }

    public long recordsOut() {
        return operators().mapToLong(OperatorMetrics::recordsOut).sum();
    }

    public double recordsInPerSecond() {
        return operators().mapToDouble(OperatorMetrics::recordsInPerSecond).sum();
    }

    public double recordsOutPerSecond() {
        return operators().mapToDouble(OperatorMetrics::recordsOutPerSecond).sum();
    }

    /** The vertex's watermark: the smallest over its subtasks, none until every subtask has one. */
    public long inputWatermark() {
        return minWatermark(operators().mapToLong(OperatorMetrics::inputWatermark).boxed().toList());
    }

    public long outputWatermark() {
        return minWatermark(operators().mapToLong(OperatorMetrics::outputWatermark).boxed().toList());
    }

    public double backPressureRatio() {
        return subtasks.stream().mapToDouble(Subtask::backPressureRatio).max().orElse(0);
    }

    public double busyRatio() {
        return subtasks.stream().flatMap(s -> s.task().stream()).mapToDouble(SubtaskMetrics::busyRatio).max().orElse(0);
    }

    /** Whether any subtask reported yet. */
    public boolean reported() {
        return subtasks.stream().anyMatch(s -> s.task().isPresent());
    }

    private java.util.stream.Stream<OperatorMetrics> operators() {
        return subtasks.stream().flatMap(s -> s.operator().stream());
    }

    private long minWatermark(List<Long> watermarks) {
        if (watermarks.size() < subtasks.size() || watermarks.isEmpty()) {
            return SubtaskMetrics.NO_WATERMARK;
        }
        return watermarks.stream().mapToLong(Long::longValue).min().orElse(SubtaskMetrics.NO_WATERMARK);
    }
}
