package io.sluice.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.CheckpointResponder;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.plan.JobPlanner;
import io.sluice.runtime.state.StateBackendFactory;
import io.sluice.runtime.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source task stopped with a savepoint: it writes its snapshot into the savepoint directory (self-contained),
 * sends the savepoint barrier, emits nothing more until told to finish, then ends its input. An aborted savepoint
 * lets it go on instead.
 */
class StopWithSavepointTest {

    @TempDir
    Path dir;

    /** numbers (unbounded generator) --rebalance--> out; the source task is under test. */
    private final JobGraph graph = new JobGraph("stop",
            List.of(new VertexSpec("numbers", "numbers", 1,
                            new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, -1, 0, 0, null)),
                    new VertexSpec("out", "out", 1, new OperatorSpec.Map(new FunctionSpec.Expression("#root")))),
            List.of(new EdgeSpec("numbers", "out", Partitioning.REBALANCE, null)),
            new JobConfig(1, 128, CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE)));
    private final ExecutionPlan plan = JobPlanner.plan(JobId.random(), graph);
    private final TaskId source = new TaskId(plan.jobId(), "numbers", 0);

    /** Collects what the source writes; read by the test thread while the task runs. */
    private static final class Channel implements TaskIo, ChannelWriter {
        final List<StreamElement> written = new CopyOnWriteArrayList<>();

        @Override
        public void write(int downstreamSubtask, StreamElement element) {
            written.add(element);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public InputGate inputGate(List<ChannelSpec> inputs, int subtask) {
            throw new UnsupportedOperationException("a source has no inputs");
        }

        @Override
        public ChannelWriter channelWriter(ChannelSpec channel, int subtask) {
            return this;
        }

        @Override
        public SourceReader kafkaSource(OperatorSpec.KafkaSource spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Operator kafkaSink(OperatorSpec.KafkaSink spec) {
            throw new UnsupportedOperationException();
        }

        long records() {
            return written.stream().filter(e -> e instanceof StreamElement.Record).count();
        }
    }

    @Test
    void aStoppedSourceEmitsNothingAfterTheSavepointBarrierAndFinishesWhenTold() throws Exception {
        Channel channel = new Channel();
        List<String> acks = new CopyOnWriteArrayList<>();
        StreamTask task = new StreamTask(plan, source, 0, channel, getClass().getClassLoader(), new ManualClock(),
                System.out, new TaskCheckpointing(new CheckpointStorage(dir.resolve("checkpoints")),
                        responder(acks), StateBackendFactory.IN_MEMORY));
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                task.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> channel.records() > 1_000);

        Path savepoint = dir.resolve("savepoint-1");
        task.triggerCheckpoint(3, 77, savepoint.toString(), true);
        await(() -> !acks.isEmpty());
        assertThat(acks).containsExactly(savepoint.resolve("numbers-0").toUri().toString());
        int barrier = indexOfBarrier(channel.written);
        assertThat(channel.written.get(barrier))
                .isEqualTo(new StreamElement.CheckpointBarrier(3, 77, savepoint.toString()));
        SubtaskState state = SubtaskState.read(acks.get(0));
        assertThat(state.selfContained()).isTrue();
        // Everything before the barrier was emitted, nothing after it: the position is the count so far.
        assertThat(state.sourcePosition()).containsEntry("next", channel.records());
        long atBarrier = channel.records();
        Thread.sleep(3 * StreamTask.POLL_TIMEOUT.toMillis());
        assertThat(channel.records()).isEqualTo(atBarrier);
        assertThat(run).isNotDone();

        task.finishSource();
        run.get(30, TimeUnit.SECONDS);
        assertThat(channel.written.get(channel.written.size() - 1)).isEqualTo(StreamElement.EndOfInput.INSTANCE);
        assertThat(channel.records()).isEqualTo(atBarrier);
    }

    @Test
    void anAbortedStopSavepointLetsTheSourceGoOn() throws Exception {
        Channel channel = new Channel();
        List<String> acks = new CopyOnWriteArrayList<>();
        StreamTask task = new StreamTask(plan, source, 0, channel, getClass().getClassLoader(), new ManualClock(),
                System.out, new TaskCheckpointing(new CheckpointStorage(dir.resolve("checkpoints")),
                        responder(acks), StateBackendFactory.IN_MEMORY));
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                task.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        task.triggerCheckpoint(4, 77, dir.resolve("savepoint-2").toString(), true);
        await(() -> !acks.isEmpty());
        long atBarrier = channel.records();

        task.abortCheckpoint(4);
        await(() -> channel.records() > atBarrier);
        task.cancel();
        run.get(30, TimeUnit.SECONDS);
    }

    private static CheckpointResponder responder(List<String> acks) {
        return new CheckpointResponder() {
            @Override
            public void acknowledge(TaskId task, long checkpointId, TaskSnapshot snapshot) {
                acks.add(snapshot.location());
            }

            @Override
            public void decline(TaskId task, long checkpointId, String reason) {
                throw new AssertionError("declined: " + reason);
            }
        };
    }

    private static int indexOfBarrier(List<StreamElement> written) {
        List<StreamElement> copy = new ArrayList<>(written);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) instanceof StreamElement.CheckpointBarrier) {
                return i;
            }
        }
        throw new AssertionError("no barrier written");
    }

    /** Progress-based wait, generous for a loaded machine. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(10);
        }
    }
}
