package io.sluice.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.ErrorPolicy;
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
import io.sluice.runtime.io.DeadLetter;
import io.sluice.runtime.io.DeadLetterSink;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.plan.JobPlanner;
import io.sluice.runtime.state.SerializedKeyedStateBackend;
import io.sluice.runtime.state.StateBackendFactory;
import io.sluice.runtime.state.StateStore;
import io.sluice.runtime.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task against scripted input channels and capturing output channels. */
class StreamTaskTest {

    @TempDir
    Path storage;

    private static final StreamElement END = StreamElement.EndOfInput.INSTANCE;

    /** in (2 subtasks) --rebalance--> double (1 subtask) --rebalance--> out (2 subtasks). */
    private final JobGraph graph = new JobGraph("t",
            List.of(
                    new VertexSpec("in", "in", 2, new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 1, 0, 0, null)),
                    new VertexSpec("double", "double", 1, new OperatorSpec.Map(new FunctionSpec.Expression("#root * 2"))),
                    new VertexSpec("out", "out", 2, new OperatorSpec.PrintSink(null))),
            List.of(new EdgeSpec("in", "double", Partitioning.REBALANCE, null),
                    new EdgeSpec("double", "out", Partitioning.REBALANCE, null)),
            new JobConfig(1, 128));
    private final ExecutionPlan plan = JobPlanner.plan(JobId.random(), graph);
    private final TaskId task = new TaskId(plan.jobId(), "double", 0);

    record Input(int channel, StreamElement element) {}

    record Written(int subtask, StreamElement element) {}

    /** Delivers the script one element per poll; an empty script means an idle channel. */
    private static final class ScriptedIo implements TaskIo, InputGate, ChannelWriter {
        final Deque<Input> script;
        final List<Written> written = new ArrayList<>();
        final long[] delivered = new long[2];
        /** What {@code kafkaSink} hands out; none by default. */
        Operator sink;
        /** What {@code deadLetterSink} hands out; none by default. */
        DeadLetterSink deadLetters;
        int flushes;
        boolean gateClosed;
        boolean writerClosed;
        /** What an idle poll does; by default the test fails instead of polling forever. */
        Runnable onBarrierWritten = () -> {};
        Runnable onIdle = () -> {
            throw new AssertionError("task still polling after its script ended");
        };

        ScriptedIo(List<Input> script) {
            this.script = new ArrayDeque<>(script);
        }

        @Override
        public InputGate inputGate(List<ChannelSpec> inputs, int subtask) {
            assertThat(inputs).hasSize(1);
            return this;
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
            if (sink == null) {
                throw new UnsupportedOperationException();
            }
            return sink;
        }

        @Override
        public DeadLetterSink deadLetterSink(String topic) {
            if (deadLetters == null) {
                throw new UnsupportedOperationException();
            }
            return deadLetters;
        }

        @Override
        public int numberOfChannels() {
            return 2;
        }

        @Override
        public void poll(Duration maxWait, ElementHandler handler) throws Exception {
            Input next = script.poll();
            if (next == null) {
                onIdle.run();
            } else {
                delivered[next.channel()]++;
                handler.accept(next.channel(), next.element());
            }
        }

        @Override
        public long position(int channel) {
            return delivered[channel];
        }

        final List<Long> seeks = new ArrayList<>();

        @Override
        public void seek(int channel, long position) {
            seeks.add(position);
        }

        final List<List<Long>> discarded = new ArrayList<>();

        @Override
        public void discardBefore(List<Long> positions) {
            discarded.add(positions);
        }

        @Override
        public void pause(int channel) {}

        @Override
        public void resume(int channel) {}

        @Override
        public void write(int downstreamSubtask, StreamElement element) {
            if (element instanceof StreamElement.CheckpointBarrier) {
                onBarrierWritten.run();
            }
            written.add(new Written(downstreamSubtask, element));
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            gateClosed = true;
            writerClosed = true;
        }
    }

    private static Input record(int channel, long value) {
        return new Input(channel, new StreamElement.Record(value, value));
    }

    private static Input watermark(int channel, long timestamp) {
        return new Input(channel, new StreamElement.Watermark(timestamp));
    }

    private StreamTask task(ScriptedIo io) {
        return new StreamTask(plan, task, 3, io, getClass().getClassLoader(), new ManualClock());
    }

    @Test
    void processesRecordsCombinesWatermarksAndEndsEveryOutputChannel() throws Exception {
        ScriptedIo io = new ScriptedIo(List.of(
                record(0, 1), watermark(0, 10), record(1, 2), watermark(1, 5), watermark(1, 20),
                new Input(1, new StreamElement.CheckpointBarrier(1, 0)), new Input(0, END), record(1, 3),
                watermark(1, 30), new Input(1, END)));

        task(io).run();

        assertThat(io.written).containsExactly(
                new Written(0, new StreamElement.Record(2L, 1)),
                new Written(1, new StreamElement.Record(4L, 2)),
                new Written(0, new StreamElement.Watermark(5)),
                new Written(1, new StreamElement.Watermark(5)),
                new Written(0, new StreamElement.Watermark(10)),
                new Written(1, new StreamElement.Watermark(10)),
                new Written(0, new StreamElement.Watermark(20)),
                new Written(1, new StreamElement.Watermark(20)),
                new Written(0, new StreamElement.Record(6L, 3)),
                new Written(0, new StreamElement.Watermark(30)),
                new Written(1, new StreamElement.Watermark(30)),
                new Written(0, END),
                new Written(1, END));
        assertThat(io.flushes).isPositive();
        assertThat(io.gateClosed).isTrue();
    }

    @Test
    void cancelReturnsWithoutEndingTheOutputs() throws Exception {
        ScriptedIo io = new ScriptedIo(List.of(record(0, 1)));
        StreamTask streamTask = task(io);
        io.onIdle = streamTask::cancel;

        streamTask.run();

        assertThat(streamTask.isCancelled()).isTrue();
        assertThat(io.written).containsExactly(new Written(0, new StreamElement.Record(2L, 1)));
        assertThat(io.writerClosed).isTrue();
    }

    @Test
    void failuresPropagateAfterClosingEverything() {
        ScriptedIo io = new ScriptedIo(List.of(new Input(0, new StreamElement.Record(List.of(), 0))));

        assertThatThrownBy(() -> task(io).run()).hasMessageContaining("'#root * 2' failed");
        assertThat(io.gateClosed).isTrue();
    }

    @Test
    void idlePollsFlushWhatWasWritten() throws Exception {
        ScriptedIo io = new ScriptedIo(List.of(record(0, 1)));
        StreamTask streamTask = task(io);
        io.onIdle = () -> {
            if (io.flushes > 0) {
                streamTask.cancel();
            }
        };
        streamTask.run();
        assertThat(io.flushes).isEqualTo(1);
    }

    @Test
    void alignsBarriersThenForwardsTheBarrierAfterEarlierRecordsAndAcknowledges() throws Exception {
        JobGraph checkpointed = new JobGraph(graph.name(), graph.vertices(), graph.edges(), new JobConfig(1, 128,
                CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE)));
        ExecutionPlan checkpointedPlan = JobPlanner.plan(plan.jobId(), checkpointed);
        StreamElement barrier = new StreamElement.CheckpointBarrier(7, 99);
        ScriptedIo io = new ScriptedIo(List.of(
                record(0, 1), new Input(0, barrier), record(1, 2), new Input(1, barrier), record(1, 3),
                new Input(0, END), new Input(1, END)));
        List<String> responses = new ArrayList<>();
        CheckpointResponder responder = new CheckpointResponder() {
            @Override
            public void acknowledge(TaskId t, long checkpointId, TaskSnapshot snapshot) {
                responses.add("ack " + t + " " + checkpointId + " " + snapshot.location().endsWith("/chk-7/double-0/"));
            }

            @Override
            public void decline(TaskId t, long checkpointId, String reason) {
                responses.add("decline " + checkpointId + " " + reason);
            }
        };
        TaskCheckpointing checkpointing = new TaskCheckpointing(
                new CheckpointStorage(storage), responder, StateBackendFactory.IN_MEMORY);

        new StreamTask(checkpointedPlan, task, 3, io, getClass().getClassLoader(), new ManualClock(), System.out,
                checkpointing).run();

        assertThat(io.written).containsExactly(
                new Written(0, new StreamElement.Record(2L, 1)),
                new Written(1, new StreamElement.Record(4L, 2)),
                new Written(0, barrier),
                new Written(1, barrier),
                new Written(0, new StreamElement.Record(6L, 3)),
                new Written(0, END),
                new Written(1, END));
        assertThat(responses).containsExactly("ack " + task + " 7 true");
        Path directory = storage.resolve(plan.jobId().hex()).resolve("chk-7").resolve("double-0");
        SubtaskState state = SubtaskState.read(directory.toUri().toString());
        // Each channel delivered one record and the barrier before the snapshot.
        assertThat(state.channelPositions()).containsExactly(2L, 2L);
        assertThat(state.sourcePosition()).isEmpty();
        assertThat(state.keyedState()).isNull();
    }

    /** Records its hook calls; its state is the records it saw, as text. */
    /** Records "ack n" (plus what {@code ackDetail} says at that moment) and "decline n reason". */
    private static final class RecordingResponder implements CheckpointResponder {
        final List<String> responses = new ArrayList<>();

        @Override
        public void acknowledge(TaskId t, long checkpointId, TaskSnapshot snapshot) {
            responses.add("ack " + checkpointId);
        }

        @Override
        public void decline(TaskId t, long checkpointId, String reason) {
            responses.add("decline " + checkpointId + " " + reason);
        }
    }

    /** Written letters stay pending (as sends in flight) until a flush makes them durable, or fails. */
    private static final class PendingDeadLetters implements DeadLetterSink {
        final List<DeadLetter> pending = new ArrayList<>();
        final List<DeadLetter> durable = new ArrayList<>();
        RuntimeException flushFailure;

        @Override
        public void write(DeadLetter letter) {
            pending.add(letter);
        }

        @Override
        public void flush() {
            if (flushFailure != null) {
                throw flushFailure;
            }
            durable.addAll(pending);
            pending.clear();
        }
    }

    private ExecutionPlan deadLetteringPlan() {
        return JobPlanner.plan(plan.jobId(), new JobGraph(graph.name(), graph.vertices(), graph.edges(),
                new JobConfig(1, 128, CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE),
                        null, null, null, new ErrorPolicy(ErrorPolicy.Mode.DEAD_LETTER, "dlq"))));
    }

    @Test
    void deadLettersBeforeTheBarrierAreDurableWhenTheCheckpointIsAcknowledged() throws Exception {
        StreamElement barrier = new StreamElement.CheckpointBarrier(7, 99);
        // '#root * 2' fails on a list: a dead letter before the barrier.
        ScriptedIo io = new ScriptedIo(List.of(new Input(0, new StreamElement.Record(List.of(), 0)), record(1, 2),
                new Input(0, barrier), new Input(1, barrier), new Input(0, END), new Input(1, END)));
        PendingDeadLetters deadLetters = new PendingDeadLetters();
        io.deadLetters = deadLetters;
        // Seen as the barrier goes out, before the end of input flushes anything: the snapshot was taken by then.
        List<String> atBarrier = new ArrayList<>();
        io.onBarrierWritten = () -> atBarrier.add(
                "durable " + deadLetters.durable.size() + ", pending " + deadLetters.pending.size());
        RecordingResponder responder = new RecordingResponder();

        new StreamTask(deadLetteringPlan(), task, 3, io, getClass().getClassLoader(), new ManualClock(), System.out,
                new TaskCheckpointing(new CheckpointStorage(storage), responder, StateBackendFactory.IN_MEMORY)).run();

        assertThat(atBarrier).isNotEmpty().allMatch("durable 1, pending 0"::equals);
        assertThat(responder.responses).containsExactly("ack 7");
        assertThat(deadLetters.durable).extracting(DeadLetter::operatorId).containsExactly("double");
    }

    @Test
    void aDeadLetterFlushThatFailsDeclinesTheCheckpointAndFailsTheTask() {
        StreamElement barrier = new StreamElement.CheckpointBarrier(7, 99);
        ScriptedIo io = new ScriptedIo(List.of(new Input(0, new StreamElement.Record(List.of(), 0)),
                new Input(0, barrier), new Input(1, barrier), new Input(0, END), new Input(1, END)));
        PendingDeadLetters deadLetters = new PendingDeadLetters();
        deadLetters.flushFailure = new IllegalStateException("could not write to dead-letter topic dlq: broker gone");
        io.deadLetters = deadLetters;
        RecordingResponder responder = new RecordingResponder();
        StreamTask streamTask = new StreamTask(deadLetteringPlan(), task, 3, io, getClass().getClassLoader(),
                new ManualClock(), System.out,
                new TaskCheckpointing(new CheckpointStorage(storage), responder, StateBackendFactory.IN_MEMORY));

        assertThatThrownBy(streamTask::run).hasMessageContaining("broker gone");
        assertThat(responder.responses).containsExactly(
                "decline 7 dead letters could not be flushed: could not write to dead-letter topic dlq: broker gone");
        assertThat(io.written).doesNotContain(new Written(0, barrier), new Written(1, barrier));
    }

    private static final class HookedSink implements Operator {
        final List<String> calls = new ArrayList<>();
        final List<Object> seen = new ArrayList<>();

        @Override
        public void processElement(Object value, long timestamp) {
            seen.add(value);
        }

        @Override
        public byte[] snapshotState(long checkpointId) {
            calls.add("snapshot " + checkpointId);
            return seen.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restoreState(byte[] state) {
            calls.add("restore " + new String(state, StandardCharsets.UTF_8));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            calls.add("complete " + checkpointId);
        }

        @Override
        public void finish() {
            calls.add("finish");
        }
    }

    @Test
    void operatorsSnapshotAtTheBarrierHearOfCompletionOnTheTaskThreadAndRestoreTheirState() throws Exception {
        JobGraph sinkGraph = new JobGraph("sink",
                List.of(graph.vertices().get(0),
                        new VertexSpec("sink", "sink", 1, new OperatorSpec.KafkaSink("t", null, null,
                                OperatorSpec.RecordFormat.JSON, OperatorSpec.DeliveryGuarantee.EXACTLY_ONCE))),
                List.of(new EdgeSpec("in", "sink", Partitioning.REBALANCE, null)),
                new JobConfig(1, 128, CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE)));
        ExecutionPlan sinkPlan = JobPlanner.plan(plan.jobId(), sinkGraph);
        TaskId sinkTask = new TaskId(plan.jobId(), "sink", 0);
        StreamElement barrier = new StreamElement.CheckpointBarrier(5, 99);
        ScriptedIo io = new ScriptedIo(List.of(
                record(0, 1), new Input(0, barrier), record(1, 2), new Input(1, barrier), record(0, 3)));
        HookedSink sink = new HookedSink();
        io.sink = sink;
        List<String> acks = new ArrayList<>();
        TaskCheckpointing checkpointing = new TaskCheckpointing(new CheckpointStorage(storage), new CheckpointResponder() {
            @Override
            public void acknowledge(TaskId t, long checkpointId, TaskSnapshot snapshot) {
                acks.add(snapshot.location());
            }

            @Override
            public void decline(TaskId t, long checkpointId, String reason) {
                throw new AssertionError(reason);
            }
        }, StateBackendFactory.IN_MEMORY);
        StreamTask streamTask = new StreamTask(sinkPlan, sinkTask, 0, io, getClass().getClassLoader(),
                new ManualClock(), System.out, checkpointing);
        // Once the script ran dry: completion of 5 arrives from another thread, then the input ends.
        io.onIdle = () -> {
            io.onIdle = () -> io.script.addAll(List.of(new Input(0, END), new Input(1, END)));
            streamTask.notifyCheckpointComplete(5);
        };

        streamTask.run();

        assertThat(sink.calls).containsExactly("snapshot 5", "complete 5", "finish");
        assertThat(acks).hasSize(1);
        // Completion of 5 frees both channels up to their barriers.
        assertThat(io.discarded).containsExactly(List.of(2L, 2L));

        HookedSink restored = new HookedSink();
        ScriptedIo restoredIo = new ScriptedIo(List.of(new Input(0, END), new Input(1, END)));
        restoredIo.sink = restored;
        new StreamTask(sinkPlan, sinkTask, 1, restoredIo, getClass().getClassLoader(), new ManualClock(), System.out,
                new TaskCheckpointing(new CheckpointStorage(storage), checkpointing.responder(),
                        StateBackendFactory.IN_MEMORY, acks.get(0))).run();

        // Records 1 and 2 came before barrier 5 on their channels, record 3 after it: snapshot 5 saw 1 and 2.
        assertThat(restored.calls).containsExactly("restore [1, 2]", "finish");
        assertThat(restoredIo.seeks).containsExactly(2L, 2L);
    }

    @Test
    void aSnapshotThatThrowsALinkageErrorDeclinesTheCheckpointAndForwardsTheBarrier() throws Exception {
        JobGraph keyed = new JobGraph("t",
                List.of(
                        new VertexSpec("in", "in", 2, new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 1, 0, 0, null)),
                        new VertexSpec("double", "double", 1, new OperatorSpec.Reduce(new FunctionSpec.Expression("#root"))),
                        new VertexSpec("out", "out", 2, new OperatorSpec.PrintSink(null))),
                List.of(new EdgeSpec("in", "double", Partitioning.HASH, new FunctionSpec.Expression("#root")),
                        new EdgeSpec("double", "out", Partitioning.REBALANCE, null)),
                new JobConfig(1, 128, CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE)));
        ExecutionPlan keyedPlan = JobPlanner.plan(plan.jobId(), keyed);
        StreamElement barrier = new StreamElement.CheckpointBarrier(4, 99);
        ScriptedIo io = new ScriptedIo(List.of(
                new Input(0, barrier), new Input(1, barrier), new Input(0, END), new Input(1, END)));
        RecordingResponder responder = new RecordingResponder();
        // A store whose native side cannot be linked, as Chronicle Map without its JVM flags.
        StateBackendFactory unlinkable = (t, settings, loader, clock) ->
                new SerializedKeyedStateBackend(new UnlinkableStore(), settings, loader, clock) {};

        new StreamTask(keyedPlan, task, 3, io, getClass().getClassLoader(), new ManualClock(), System.out,
                new TaskCheckpointing(new CheckpointStorage(storage), responder, unlinkable)).run();

        assertThat(responder.responses).containsExactly("decline 4 java.lang.NoClassDefFoundError: native/Store");
        assertThat(io.written).containsExactly(
                new Written(0, barrier), new Written(1, barrier), new Written(0, END), new Written(1, END));
    }

    /** Empty, and fails to link when read whole (as a snapshot does). */
    private static final class UnlinkableStore implements StateStore {
        @Override
        public byte[] get(byte[] key) {
            return null;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(byte[] key) {}

        @Override
        public void forEach(BiConsumer<byte[], byte[]> action) {
            throw new NoClassDefFoundError("native/Store");
        }

        @Override
        public void clear() {}

        @Override
        public void close() {}
    }
}
