package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.ExecutionState;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.JobStatus;
import io.sluice.engine.job.TaskExecution;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ChannelSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /jobs/{jobid}}: Flink's job details (vertices are the graph's operators, each reporting the tasks of
 * the chain it runs in), plus why the job waits, why it failed, and its execution plan.
 */
public record JobDetails(
        String jid,
        String name,
        String state,
        @JsonProperty("start-time") long startTime,
        @JsonProperty("end-time") long endTime,
        long duration,
        long now,
        Map<String, Long> timestamps,
        List<Vertex> vertices,
        @JsonProperty("status-counts") Map<String, Integer> statusCounts,
        @JsonProperty("waiting-reason") String waitingReason,
        @JsonProperty("failure-cause") String failureCause,
        Plan plan) {

    public record Vertex(
            String id,
            String name,
            int parallelism,
            String status,
            @JsonProperty("start-time") long startTime,
            @JsonProperty("end-time") long endTime,
            Map<String, Integer> tasks) {}

    /** Chains and channels reference vertices by their REST ids. */
    public record Plan(List<Chain> chains, List<Channel> channels) {}

    public record Chain(String id, List<String> vertices, int parallelism) {}

    public record Channel(
            String topic,
            String source,
            String target,
            @JsonProperty("ship-strategy") String shipStrategy,
            int partitions) {}

    static JobDetails of(JobMaster job, Instant now) {
        List<Vertex> vertices = job.graph().vertices().stream().map(v -> vertex(job, v)).toList();
        return new JobDetails(
                job.id().hex(),
                job.name(),
                job.status().name(),
                RestTime.millis(job.startTime()),
                RestTime.millis(job.endTime()),
                RestTime.duration(Optional.of(job.startTime()), job.endTime(), now),
                RestTime.millis(now),
                timestamps(job),
                vertices,
                TaskCounts.byState(vertices.stream().map(v -> ExecutionState.valueOf(v.status())).toList()),
                job.waitingReason().orElse(null),
                job.failureCause().orElse(null),
                new Plan(
                        job.plan().chains().stream().map(JobDetails::chain).toList(),
                        job.plan().channels().stream().map(JobDetails::channel).toList()));
    }

    /** Every status, 0 for those not reached (Flink's shape). */
    private static Map<String, Long> timestamps(JobMaster job) {
        Map<String, Long> timestamps = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            Instant reached = job.timestamps().get(status);
            timestamps.put(status.name(), reached == null ? 0 : RestTime.millis(reached));
        }
        return timestamps;
    }

    private static Vertex vertex(JobMaster job, VertexSpec vertex) {
        List<TaskExecution> tasks = job.tasksOfVertex(vertex.id());
        boolean ended = tasks.stream().allMatch(t -> t.endTime().isPresent());
        Optional<Instant> start = tasks.stream().map(TaskExecution::startTime).flatMap(Optional::stream)
                .min(Instant::compareTo);
        Optional<Instant> end = ended
                ? tasks.stream().map(TaskExecution::endTime).flatMap(Optional::stream).max(Instant::compareTo)
                : Optional.empty();
        return new Vertex(
                VertexHexId.of(vertex.id()),
                vertex.name(),
                vertex.parallelism(),
                job.vertexState(vertex.id()).name(),
                RestTime.millis(start),
                RestTime.millis(end),
                TaskCounts.byState(tasks.stream().map(TaskExecution::state).toList()));
    }

    private static Chain chain(ChainSpec chain) {
        return new Chain(
                VertexHexId.of(chain.id()),
                chain.vertexIds().stream().map(VertexHexId::of).toList(),
                chain.parallelism());
    }

    private static Channel channel(ChannelSpec channel) {
        return new Channel(
                channel.topic(),
                VertexHexId.of(channel.edge().source()),
                VertexHexId.of(channel.edge().target()),
                Objects.toString(channel.edge().partitioning()),
                channel.partitions());
    }
}
