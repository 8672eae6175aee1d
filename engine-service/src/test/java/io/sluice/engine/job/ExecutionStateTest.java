package io.sluice.engine.job;

import static io.sluice.engine.job.ExecutionState.CANCELED;
import static io.sluice.engine.job.ExecutionState.CANCELING;
import static io.sluice.engine.job.ExecutionState.CREATED;
import static io.sluice.engine.job.ExecutionState.DEPLOYING;
import static io.sluice.engine.job.ExecutionState.FAILED;
import static io.sluice.engine.job.ExecutionState.FINISHED;
import static io.sluice.engine.job.ExecutionState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionStateTest {

    @Test
    void agreeingTasksGiveTheirState() {
        assertThat(ExecutionState.aggregate(List.of(FINISHED, FINISHED))).isEqualTo(FINISHED);
        assertThat(ExecutionState.aggregate(List.of(DEPLOYING, DEPLOYING))).isEqualTo(DEPLOYING);
    }

    @Test
    void anyFailureMakesTheVertexFailed() {
        assertThat(ExecutionState.aggregate(List.of(RUNNING, FAILED, CANCELING))).isEqualTo(FAILED);
    }

    @Test
    void cancelingOutranksCanceledAndRunning() {
        assertThat(ExecutionState.aggregate(List.of(CANCELED, CANCELING, RUNNING))).isEqualTo(CANCELING);
        assertThat(ExecutionState.aggregate(List.of(CANCELED, RUNNING))).isEqualTo(CANCELED);
    }

    @Test
    void partlyFinishedIsStillRunning() {
        assertThat(ExecutionState.aggregate(List.of(FINISHED, DEPLOYING))).isEqualTo(RUNNING);
        assertThat(ExecutionState.aggregate(List.of(RUNNING, DEPLOYING))).isEqualTo(RUNNING);
    }

    @Test
    void partlyDeployedIsDeploying() {
        assertThat(ExecutionState.aggregate(List.of(CREATED, DEPLOYING))).isEqualTo(DEPLOYING);
    }
}
