package io.sluice.engine.checkpoint;

import static io.sluice.engine.checkpoint.CheckpointFixtures.JOB;
import static io.sluice.engine.checkpoint.CheckpointFixtures.SINK;
import static io.sluice.engine.checkpoint.CheckpointFixtures.SOURCE_0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.testing.TestGraphs;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.plan.JobPlanner;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointPlanTest {

    @Test
    void everyTaskAcknowledgesAndTheTasksOfUnfedChainsAreTheSources() {
        CheckpointPlan plan = CheckpointPlan.of(JobPlanner.plan(JOB, TestGraphs.twoStage(2)));

        assertThat(plan.jobId()).isEqualTo(JOB);
        assertThat(plan.tasks()).containsExactlyInAnyOrder(
                new TaskId(JOB, "gen", 0), new TaskId(JOB, "gen", 1),
                new TaskId(JOB, "print", 0), new TaskId(JOB, "print", 1));
        assertThat(plan.sources()).containsExactlyInAnyOrder(new TaskId(JOB, "gen", 0), new TaskId(JOB, "gen", 1));
    }

    @Test
    void aChainHeadedByASourceIsASourceTaskAsAWhole() {
        CheckpointPlan plan = CheckpointPlan.of(JobPlanner.plan(JOB, TestGraphs.oneChain(3)));

        assertThat(plan.tasks()).hasSize(3);
        assertThat(plan.sources()).isEqualTo(plan.tasks());
    }

    @Test
    void sourcesMustBeTasksOfTheJob() {
        assertThatThrownBy(() -> new CheckpointPlan(JOB, Set.of(SINK), Set.of(SOURCE_0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckpointPlan(JOB, Set.of(SINK), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no source");
        TaskId foreign = new TaskId(JobId.random(), "source", 0);
        assertThatThrownBy(() -> new CheckpointPlan(JOB, Set.of(foreign), Set.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a task of job");
    }
}
