package io.sluice.engine.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** Micrometer gauges of every job (tags job, name), reading the latest {@link JobGauges} handed to {@link #update}. */
public final class JobMeters {

    private final MeterRegistry registry;
    private final Map<String, JobGauges> latest = new ConcurrentHashMap<>();

    public JobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void update(List<JobGauges> jobs) {
        for (JobGauges job : jobs) {
            if (latest.put(job.jobId(), job) == null) {
                register(job);
            }
        }
    }

    private void register(JobGauges job) {
        Tags tags = Tags.of("job", job.jobId(), "name", job.name());
        gauge("sluice.job.uptime", "milliseconds", tags, job, JobGauges::uptimeMillis);
        gauge("sluice.job.restarts", null, tags, job, JobGauges::restarts);
        gauge("sluice.job.checkpoints.completed", null, tags, job, JobGauges::checkpointsCompleted);
        gauge("sluice.job.checkpoints.failed", null, tags, job, JobGauges::checkpointsFailed);
        gauge("sluice.job.checkpoints.in.progress", null, tags, job, JobGauges::checkpointsInProgress);
        gauge("sluice.job.checkpoint.last.duration", "milliseconds", tags, job, JobGauges::lastCheckpointDurationMillis);
        gauge("sluice.job.checkpoint.last.size", "bytes", tags, job, JobGauges::lastCheckpointSizeBytes);
        gauge("sluice.job.checkpoint.last.age", "milliseconds", tags, job, JobGauges::lastCheckpointAgeMillis);
        Gauge.builder("sluice.job.running", latest, map -> map.get(job.jobId()).status().isTerminal() ? 0 : 1)
                .tags(tags).register(registry);
    }

    private void gauge(String name, String unit, Tags tags, JobGauges job, ToDoubleFunction<JobGauges> value) {
        Gauge.builder(name, latest, map -> value.applyAsDouble(map.get(job.jobId()))).baseUnit(unit).tags(tags)
                .register(registry);
    }
}
