package io.sluice.worker.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.protocol.SubtaskMetrics;
import io.sluice.protocol.SubtaskMetrics.OperatorMetrics;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.metrics.TaskMetrics;
import io.sluice.worker.task.TaskMetricsFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The latest metrics of every task on this worker, exposed as Micrometer gauges (tags job, task, vertex, subtask)
 * for {@code /actuator/prometheus}, and kept until the engine has been sent them. Thread-safe: tasks publish on
 * their own threads, the reporter and scrapes read from others.
 */
public final class TaskMetricsStore implements TaskMetricsFactory {

    private final MeterRegistry registry;
    private final Map<TaskId, SubtaskMetrics> latest = new ConcurrentHashMap<>();
    private final Map<TaskId, List<Meter.Id>> meters = new ConcurrentHashMap<>();

    public TaskMetricsStore(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public TaskMetrics forTask(TaskId task, int attempt) {
        return metrics -> {
            latest.put(task, metrics);
            meters.computeIfAbsent(task, id -> register(id, metrics));
        };
    }

    /** The latest publication of each task that published. */
    public List<SubtaskMetrics> snapshot() {
        return List.copyOf(latest.values());
    }

    /** Forgets tasks that no longer run here (after their final numbers went out), and their gauges. */
    public void retainOnly(Set<TaskId> running) {
        for (TaskId task : List.copyOf(latest.keySet())) {
            if (!running.contains(task)) {
                latest.remove(task);
                List<Meter.Id> ids = meters.remove(task);
                if (ids != null) {
                    ids.forEach(registry::remove);
                }
            }
        }
    }

    private List<Meter.Id> register(TaskId task, SubtaskMetrics first) {
        Tags taskTags = Tags.of("job", task.jobId().hex(), "task", task.chainId(),
                "subtask", Integer.toString(task.subtask()));
        List<Meter.Id> ids = new ArrayList<>();
        ids.add(gauge("sluice.task.busy.ratio", taskTags, task, SubtaskMetrics::busyRatio));
        ids.add(gauge("sluice.task.idle.ratio", taskTags, task, SubtaskMetrics::idleRatio));
        ids.add(gauge("sluice.task.backpressured.ratio", taskTags, task, SubtaskMetrics::backPressuredRatio));
        ids.add(gauge("sluice.task.bytes.in", taskTags, task, SubtaskMetrics::bytesIn));
        ids.add(gauge("sluice.task.bytes.out", taskTags, task, SubtaskMetrics::bytesOut));
        for (int i = 0; i < first.inputs().size(); i++) {
            int input = i;
            ids.add(gauge("sluice.task.input.lag", taskTags.and("input", first.inputs().get(i).sourceVertex()), task,
                    m -> m.inputs().size() > input ? m.inputs().get(input).lag() : Double.NaN));
        }
        for (int i = 0; i < first.operators().size(); i++) {
            int index = i;
            Tags tags = taskTags.and("vertex", first.operators().get(i).vertexId());
            ids.add(operatorGauge("sluice.operator.records.in", tags, task, index, OperatorMetrics::recordsIn));
            ids.add(operatorGauge("sluice.operator.records.out", tags, task, index, OperatorMetrics::recordsOut));
            ids.add(operatorGauge("sluice.operator.records.in.rate", tags, task, index,
                    OperatorMetrics::recordsInPerSecond));
            ids.add(operatorGauge("sluice.operator.records.out.rate", tags, task, index,
                    OperatorMetrics::recordsOutPerSecond));
            ids.add(operatorGauge("sluice.operator.watermark.input", tags, task, index,
                    o -> watermark(o.inputWatermark())));
            ids.add(operatorGauge("sluice.operator.watermark.output", tags, task, index,
                    o -> watermark(o.outputWatermark())));
        }
        return ids;
    }

    private Meter.Id operatorGauge(String name, Tags tags, TaskId task, int index,
            ToDoubleFunction<OperatorMetrics> value) {
        return gauge(name, tags, task, m -> value.applyAsDouble(m.operators().get(index)));
    }

    private Meter.Id gauge(String name, Tags tags, TaskId task, ToDoubleFunction<SubtaskMetrics> value) {
        return Gauge.builder(name, latest, map -> {
            SubtaskMetrics metrics = map.get(task);
            return metrics == null ? Double.NaN : value.applyAsDouble(metrics);
        }).tags(tags).register(registry).getId();
    }

    /** No watermark yet is no value, not a huge negative number. */
    private static double watermark(long watermark) {
        return watermark == SubtaskMetrics.NO_WATERMARK ? Double.NaN : watermark;
    }
}
