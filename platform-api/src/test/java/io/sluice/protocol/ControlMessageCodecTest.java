package io.sluice.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlMessageCodecTest {

    private static final JobId JOB = JobId.random();
    private static final WorkerId WORKER = new WorkerId("w-1");
    private static final TaskId SOURCE = new TaskId(JOB, "numbers", 1);

    static List<ControlMessage> checkpointMessages() {
        return List.of(
                new ControlMessage.TriggerCheckpoint(WORKER, JOB, 2, 7, 1_700_000_000_000L, List.of(SOURCE)),
                new ControlMessage.NotifyCheckpointComplete(WORKER, JOB, 2, 7),
                new ControlMessage.AbortCheckpoint(WORKER, JOB, 2, 7),
                new ControlMessage.AcknowledgeCheckpoint(
                        WORKER, SOURCE, 2, 7, new TaskSnapshot("file:/tmp/chk-7/numbers-1", 4096, 512)),
                new ControlMessage.DeclineCheckpoint(WORKER, SOURCE, 2, 7, "disk full"));
    }

    @ParameterizedTest
    @MethodSource("checkpointMessages")
    void checkpointMessagesSurviveTheRoundTrip(ControlMessage message) {
        assertThat(ControlMessageCodec.decode(ControlMessageCodec.encode(message))).isEqualTo(message);
    }
}
