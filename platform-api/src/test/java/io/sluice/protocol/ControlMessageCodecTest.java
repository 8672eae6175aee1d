package io.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlMessageCodecTest {

    private static final JobId JOB = JobId.random();
    private static final WorkerId WORKER = new WorkerId("w-1");
    private static final TaskId SOURCE = new TaskId(JOB, "numbers", 1);
    private static final ExecutionPlan PLAN = new ExecutionPlan(JOB, new JobGraph("g",
            List.of(new VertexSpec("numbers", "numbers", 2,
                    new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 10, 0, 0, null))),
            List.of(),
            new JobConfig(2, 128, CheckpointingConfig.of(Duration.ofMillis(500), CheckpointingConfig.Mode.EXACTLY_ONCE))),
            List.of(new ChainSpec("numbers", List.of("numbers"), 2)), List.of());

    static List<ControlMessage> checkpointMessages() {
        return List.of(
                new ControlMessage.TriggerCheckpoint(WORKER, JOB, 2, 7, 1_700_000_000_000L, List.of(SOURCE)),
                new ControlMessage.NotifyCheckpointComplete(WORKER, JOB, 2, 7),
                new ControlMessage.AbortCheckpoint(WORKER, JOB, 2, 7),
                new ControlMessage.AcknowledgeCheckpoint(
                        WORKER, SOURCE, 2, 7, new TaskSnapshot("file:/tmp/chk-7/numbers-1", 4096, 512)),
                new ControlMessage.DeclineCheckpoint(WORKER, SOURCE, 2, 7, "disk full"),
                new ControlMessage.DeployTasks(WORKER, 3, PLAN, List.of(SOURCE),
                        List.of(new TaskRestore(SOURCE, 7, "file:/tmp/chk-7/numbers-1/"))));
    }

    @ParameterizedTest
    @MethodSource("checkpointMessages")
    void checkpointMessagesSurviveTheRoundTrip(ControlMessage message) {
        assertThat(ControlMessageCodec.decode(ControlMessageCodec.encode(message))).isEqualTo(message);
    }

    @org.junit.jupiter.api.Test
    void taskMetricsReportsSurviveTheRoundTrip() {
        ControlMessage report = new ControlMessage.TaskMetricsReport(WORKER, 1_700_000_000_000L,
                new WorkerMetrics(4, 1, 100_000_000, 512_000_000, 40_000_000, 8_388_608, 1234, 56),
                List.of(new SubtaskMetrics(SOURCE, 2, 1_700_000_000_000L, 0.25, 0.5, 0.25, 1024, 2048,
                        List.of(new SubtaskMetrics.OperatorMetrics("numbers", 0, 500, 0, 99.5,
                                SubtaskMetrics.NO_WATERMARK, 1_699_999_999_000L)),
                        List.of(new SubtaskMetrics.InputMetrics("upstream", 1500, 0.3)))));
        assertThat(ControlMessageCodec.decode(ControlMessageCodec.encode(report))).isEqualTo(report);
    }
}
