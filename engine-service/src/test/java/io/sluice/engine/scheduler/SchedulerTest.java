package io.sluice.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.testing.TestGraphs;
import io.sluice.graph.JobGraph;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.plan.JobPlanner;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final WorkerId A = new WorkerId("worker-a");
    private static final WorkerId B = new WorkerId("worker-b");

    private final Scheduler scheduler = new Scheduler();
    private final WorkerRegistry registry = new WorkerRegistry();
    private final JobId jobId = JobId.random();

    @Test
    void spreadsTheSubtasksOfAChainOverTheWorkers() {
        registry.heartbeat(A, "a:1", 2, NOW);
        registry.heartbeat(B, "b:1", 2, NOW);

        Placement placement = scheduler.place(plan(TestGraphs.oneChain(2)), registry).orElseThrow();

        assertThat(placement.assignments()).containsOnly(
                Map.entry(new TaskId(jobId, "gen", 0), A),
                Map.entry(new TaskId(jobId, "gen", 1), B));
    }

    @Test
    void everyChainIsSpreadWhenSeveralShareTheWorkers() {
        registry.heartbeat(A, "a:1", 2, NOW);
        registry.heartbeat(B, "b:1", 2, NOW);

        Placement placement = scheduler.place(plan(TestGraphs.twoStage(2)), registry).orElseThrow();

        assertThat(workersOf(placement, "gen")).containsExactlyInAnyOrder(A, B);
        assertThat(workersOf(placement, "print")).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void placesAllOrNothing() {
        registry.heartbeat(A, "a:1", 2, NOW);
        registry.heartbeat(B, "b:1", 1, NOW);

        Optional<Placement> placement = scheduler.place(plan(TestGraphs.twoStage(2)), registry);

        assertThat(placement).isEmpty();
        assertThat(registry.freeSlots()).isEqualTo(3);
    }

    @Test
    void aPlanThatDoesNotFitFitsOnceAWorkerJoins() {
        registry.heartbeat(A, "a:1", 2, NOW);
        ExecutionPlan plan = plan(TestGraphs.twoStage(2));
        assertThat(scheduler.place(plan, registry)).isEmpty();

        registry.heartbeat(B, "b:1", 2, NOW);

        Placement placement = scheduler.place(plan, registry).orElseThrow();
        assertThat(placement.assignments()).hasSize(4);
        assertThat(placement.byWorker()).containsOnlyKeys(A, B);
        assertThat(placement.byWorker().get(A)).hasSize(2);
        assertThat(placement.byWorker().get(B)).hasSize(2);
    }

    @Test
    void fillsFreeSlotsOnlyAndSkipsFullWorkers() {
        registry.heartbeat(A, "a:1", 2, NOW);
        registry.heartbeat(B, "b:1", 3, NOW);
        registry.allocate(new Placement(Map.of(new TaskId(JobId.random(), "other", 0), A)));

        Placement placement = scheduler.place(plan(TestGraphs.twoStage(2)), registry).orElseThrow();

        assertThat(placement.byWorker().get(A)).hasSize(1);
        assertThat(placement.byWorker().get(B)).hasSize(3);
    }

    @Test
    void allocatingAPlacementTakesItsSlotsAndReleasingGivesThemBack() {
        registry.heartbeat(A, "a:1", 2, NOW);
        registry.heartbeat(B, "b:1", 2, NOW);
        Placement placement = scheduler.place(plan(TestGraphs.oneChain(2)), registry).orElseThrow();

        registry.allocate(placement);
        assertThat(registry.freeSlots()).isEqualTo(2);

        registry.release(placement.assignments().keySet());
        assertThat(registry.freeSlots()).isEqualTo(4);
    }

    private ExecutionPlan plan(JobGraph graph) {
        return JobPlanner.plan(jobId, graph);
    }

    private static Set<WorkerId> workersOf(Placement placement, String chain) {
        return placement.assignments().entrySet().stream()
                .filter(e -> e.getKey().chainId().equals(chain))
                .map(Map.Entry::getValue)
                .collect(Collectors.toSet());
    }
}
