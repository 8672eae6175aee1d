package io.sluice.runtime.task;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.metrics.InputWaitTimer;
import io.sluice.runtime.metrics.TaskMetrics;
import io.sluice.runtime.metrics.TaskMetricsCollector;
import io.sluice.runtime.operator.OperatorException;
import io.sluice.runtime.operator.OperatorFactory;
import io.sluice.runtime.operator.RecordErrors;
import io.sluice.runtime.operator.SubtaskContext;
import io.sluice.graph.ErrorPolicy;
import java.util.Map;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask of a chain, run on the caller's thread: a source chain pulls batches from its reader, any other
 * chain polls its input gate; records flow through the operators into the output edges. Bounded input ends with
 * the operators finished, end of input on every output channel, and the writers flushed. {@link #cancel()} makes
 * {@link #run()} return promptly without finishing anything downstream. Waiting is always bounded by the reader
 * or gate poll timeout: no busy spinning, and cancellation is seen within one poll.
 *
 * <p>Threading: {@code run()} is single-threaded (operators need no locks); only {@code cancel()} and
 * {@code isCancelled()} may be called from other threads.
 */
public final class StreamTask {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    /** Longest wait for input before checking for cancellation again. */
    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final ExecutionPlan plan;
    private final TaskId taskId;
    private final int attempt;
    private final TaskIo io;
    private final ClassLoader userClassLoader;
    private final Clock clock;
    private final PrintStream printOut;
    private final TaskCheckpointing checkpointing;
    private final TaskMetrics metrics;
    private final TaskMailbox mailbox = new TaskMailbox();
    private volatile boolean cancelled;
    /** Bad records handled by the job's error policy; set when the task starts running. */
    private volatile RecordErrors recordErrors = RecordErrors.failing();

    /** A task without a checkpoint coordinator (heap state, checkpoints refused). */
    public StreamTask(ExecutionPlan plan, TaskId taskId, int attempt, TaskIo io, ClassLoader userClassLoader, Clock clock) {
        this(plan, taskId, attempt, io, userClassLoader, clock, System.out, withoutCoordinator());
    }

    /** @param printOut where print sinks write (the local runner and tests capture it) */
    public StreamTask(ExecutionPlan plan, TaskId taskId, int attempt, TaskIo io, ClassLoader userClassLoader, Clock clock,
            PrintStream printOut) {
        this(plan, taskId, attempt, io, userClassLoader, clock, printOut, withoutCoordinator());
    }

    /** @param checkpointing checkpoint storage, the coordinator's ear and the keyed state backend to use */
    public StreamTask(ExecutionPlan plan, TaskId taskId, int attempt, TaskIo io, ClassLoader userClassLoader, Clock clock,
            PrintStream printOut, TaskCheckpointing checkpointing) {
        this(plan, taskId, attempt, io, userClassLoader, clock, printOut, checkpointing, TaskMetrics.NONE);
    }

    /** @param metrics where the task publishes its metrics while it runs and when it ends */
    public StreamTask(ExecutionPlan plan, TaskId taskId, int attempt, TaskIo io, ClassLoader userClassLoader, Clock clock,
            PrintStream printOut, TaskCheckpointing checkpointing, TaskMetrics metrics) {
        this.metrics = metrics;
        this.checkpointing = checkpointing;
        this.plan = plan;
        this.taskId = taskId;
        this.attempt = attempt;
        this.io = io;
        this.userClassLoader = userClassLoader;
        this.clock = clock;
        this.printOut = printOut;
    }

    /**
     * Runs until the input is finished (returns), the task is cancelled (returns), or something fails (throws
     * the operator's exception). Everything opened is closed in every case.
     */
    public void run() throws Exception {
        run(() -> { });
    }

    /**
     * {@link #run()}, calling {@code initialized} on the task thread once the task can take part in checkpoints: its
     * state backend, operators and inputs are open and its checkpoint restored (Flink's INITIALIZING → RUNNING).
     * Reporting RUNNING earlier starts the checkpoint clock while a slow start-up still keeps barriers waiting.
     */
    public void run(Runnable initialized) throws Exception {
        ChainSpec chainSpec = plan.chain(taskId.chainId());
        JobGraph graph = plan.graph();
        int subtask = taskId.subtask();
        Closer closer = new Closer();
        Exception failure = null;
        TaskMetricsCollector meter = new TaskMetricsCollector(taskId, attempt, chainSpec.vertexIds(), metrics);
        closer.register(meter::close);
        try {
            List<RecordWriter> writers = openWriters(chainSpec, closer, meter);
            KeyedStateBackend keyedState = headIsKeyed(graph, chainSpec) ? closer.register(newStateBackend()) : null;
            OperatorFactory factory = new OperatorFactory(userClassLoader, io, printOut);
            recordErrors = recordErrors(graph.config().errorPolicy(), closer);
            OperatorChain chain = closer.register(OperatorChain.create(
                    graph, chainSpec, subtask, factory, userClassLoader, clock, keyedState, writers, meter,
                    recordErrors));
            VertexSpec head = graph.vertex(chainSpec.head()).orElseThrow();
            chain.open(new SubtaskContext(head.id(), subtask, chainSpec.parallelism(),
                    graph.config().maxParallelism(), userClassLoader, null, clock, recordErrors));
            List<ChannelSpec> inputs = plan.inputsOf(chainSpec.id());
            InputGate gate = chain.isSource() ? null : closer.register(io.inputGate(inputs, subtask));
            if (gate != null) {
                meter.watch(gate, inputs);
            }
            if (checkpointing.restoreLocation() != null) {
                restore(SubtaskState.read(checkpointing.restoreLocation()), chainSpec, keyedState, chain, gate);
            } else if (!checkpointing.savepointState().isEmpty()) {
                new SavepointRestore(graph, chainSpec, subtask, checkpointing.savepointState())
                        .restore(keyedState, chain);
                LOG.info("{} restored from a savepoint", this);
            }
            AsyncSnapshotWriter snapshotWriter =
                    closer.register(new AsyncSnapshotWriter(taskId, checkpointing.responder()));
            SubtaskCheckpointer checkpointer =
                    new SubtaskCheckpointer(taskId, checkpointing, keyedState, chain, gate, writers, recordErrors,
                            snapshotWriter);
            initialized.run();
            boolean inputEnded = chain.isSource()
                    ? runSource(chain, writers, checkpointer, meter)
                    : runInputs(chain, inputs, gate, keyedState, writers, checkpointer, meter);
            if (inputEnded && !cancelled) {
                chain.finish();
                recordErrors.flush();
                endOutputs(writers);
                snapshotWriter.awaitWritten(this::isCancelled);
            }
        } catch (Exception e) {
            failure = OperatorException.unwrap(e);
        } catch (Error e) {
            // User code may throw errors (NoClassDefFoundError, StackOverflowError): close, then let them through.
            try {
                closer.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            closer.close();
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            if (!cancelled) {
                throw failure;
            }
            LOG.debug("{} failed while being cancelled", this, failure);
        }
    }

    /** Thread-safe: a source task snapshots checkpoint n and sends its barrier at its next batch boundary. */
    public void triggerCheckpoint(long checkpointId, long timestamp) {
        triggerCheckpoint(checkpointId, timestamp, null, false);
    }

    /**
     * Thread-safe: as {@link #triggerCheckpoint(long, long)}, for a savepoint when {@code savepointDirectory} is set.
     * With {@code stopSource} (stop with savepoint) the source emits nothing after the barrier until
     * {@link #finishSource()}.
     */
    public void triggerCheckpoint(long checkpointId, long timestamp, String savepointDirectory, boolean stopSource) {
        mailbox.put(new TaskCommand.TriggerCheckpoint(checkpointId, timestamp, savepointDirectory, stopSource));
    }

    /** Thread-safe: stop with savepoint is over; a source task ends its input (and finishes like a bounded one). */
    public void finishSource() {
        mailbox.put(new TaskCommand.FinishSource());
    }

    /** Thread-safe: checkpoint n completed; the task's operators hear of it on the task thread. */
    public void notifyCheckpointComplete(long checkpointId) {
        mailbox.put(new TaskCommand.NotifyCheckpointComplete(checkpointId));
    }

    /** Thread-safe: the coordinator gave checkpoint n up; the task stops aligning its barriers. */
    public void abortCheckpoint(long checkpointId) {
        mailbox.put(new TaskCommand.AbortCheckpoint(checkpointId));
    }

    /** Thread-safe; {@link #run()} returns within about one poll timeout. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "task " + taskId + " (attempt " + attempt + ")";
    }

    private boolean runSource(OperatorChain chain, List<RecordWriter> writers, SubtaskCheckpointer checkpointer,
            TaskMetricsCollector meter) throws Exception {
        SourceStop stop = new SourceStop();
        while (!cancelled) {
            mailbox.drain(command -> {
                if (command instanceof TaskCommand.TriggerCheckpoint trigger) {
                    checkpointer.checkpoint(trigger.checkpointId(), trigger.timestamp(), trigger.savepointDirectory());
                    if (trigger.stopSource()) {
                        stop.stoppedFor = trigger.checkpointId();
                    }
                } else if (command instanceof TaskCommand.NotifyCheckpointComplete complete) {
                    notifyComplete(chain, complete.checkpointId());
                } else if (command instanceof TaskCommand.FinishSource) {
                    stop.finished = true;
                } else if (command instanceof TaskCommand.AbortCheckpoint abort && abort.checkpointId() == stop.stoppedFor) {
                    // The final savepoint failed: the job does not stop, the source goes on.
                    stop.stoppedFor = SourceStop.RUNNING;
                }
                // Otherwise a source aligns nothing, so an abort leaves it nothing to do.
            });
            if (stop.finished) {
                return true;
            }
            if (stop.stoppedFor != SourceStop.RUNNING) {
                // Stop with savepoint: nothing after the final savepoint's barrier; wait for the word to finish.
                flush(writers);
                Thread.sleep(POLL_TIMEOUT.toMillis());
                continue;
            }
            long pollStart = System.nanoTime();
            SourceReader.Status status = chain.pollSource();
            chain.onProcessingTime(clock.millis());
            writers.forEach(RecordWriter::sendBuffered);
            if (status == SourceReader.Status.END_OF_INPUT) {
                return true;
            }
            if (status == SourceReader.Status.NOTHING_AVAILABLE) {
                meter.idle(System.nanoTime() - pollStart);
                flush(writers);
            }
            meter.tick();
        }
        return false;
    }

    /** Stop with savepoint, as far as the source has got. */
    private static final class SourceStop {
        static final long RUNNING = Long.MIN_VALUE;
        /** The final savepoint whose barrier is out: emit nothing more, unless it is aborted. */
        long stoppedFor = RUNNING;
        /** The savepoint completed: end the input. */
        boolean finished;
    }

    private boolean runInputs(OperatorChain chain, List<ChannelSpec> inputs, InputGate gate,
            KeyedStateBackend keyedState, List<RecordWriter> writers, SubtaskCheckpointer checkpointer,
            TaskMetricsCollector meter) throws Exception {
        CheckpointingConfig config = plan.graph().config().checkpointing();
        CheckpointBarrierHandler barriers =
                config == null ? null : new CheckpointBarrierHandler(gate, config.mode(), checkpointer);
        InputProcessor processor =
                new InputProcessor(plan.graph(), chain, inputs, keyedState, barriers, userClassLoader);
        InputWaitTimer timedProcessor = meter.timeWaits(processor);
        while (!cancelled && !processor.allEnded()) {
            mailbox.drain(command -> {
                if (command instanceof TaskCommand.AbortCheckpoint abort) {
                    processor.abortCheckpoint(abort.checkpointId());
                } else if (command instanceof TaskCommand.NotifyCheckpointComplete complete) {
                    notifyComplete(chain, complete.checkpointId());
                    checkpointer.completed(complete.checkpointId());
                } else {
                    LOG.warn("{} is not a source: ignoring {}", this, command);
                }
            });
            long before = processor.handled();
            timedProcessor.pollStarts();
            gate.poll(POLL_TIMEOUT, timedProcessor);
            timedProcessor.pollEnded();
            chain.onProcessingTime(clock.millis());
            writers.forEach(RecordWriter::sendBuffered);
            if (processor.handled() == before) {
                flush(writers);
            }
            meter.tick();
        }
        return processor.allEnded();
    }

    /** A failing commit fails the task (an exactly-once sink cannot go on without its epoch committed). */
    private static void notifyComplete(OperatorChain chain, long checkpointId) {
        try {
            chain.notifyCheckpointComplete(checkpointId);
        } catch (Exception e) {
            throw OperatorException.wrap(e);
        }
    }

    /**
     * Resumes from a checkpoint: the subtask's key groups of the state, the source's and the channels' positions,
     * the operators' own state.
     */
    private void restore(SubtaskState state, ChainSpec chainSpec, KeyedStateBackend keyedState, OperatorChain chain,
            InputGate gate) throws Exception {
        if (keyedState != null && state.keyedState() != null) {
            int maxParallelism = plan.graph().config().maxParallelism();
            keyedState.restore(List.of(state.keyedState()),
                    KeyGroupRange.computeRange(maxParallelism, chainSpec.parallelism(), taskId.subtask()));
        }
        chain.seekSource(state.sourcePosition());
        chain.restoreOperators(Path.of(URI.create(checkpointing.restoreLocation())));
        for (int channel = 0; gate != null && channel < gate.numberOfChannels(); channel++) {
            gate.seek(channel, state.channelPositions().get(channel));
        }
        LOG.info("{} restored from {}", this, checkpointing.restoreLocation());
    }

    /** Per vertex of this task, the records its error policy skipped or dead-lettered (for metrics). */
    public Map<String, RecordErrors.Counts> recordErrorCounts() {
        return recordErrors.counts();
    }

    private RecordErrors recordErrors(ErrorPolicy policy, Closer closer) {
        return policy.mode() == ErrorPolicy.Mode.DEAD_LETTER
                ? new RecordErrors(policy, closer.register(io.deadLetterSink(policy.deadLetterTopic())))
                : new RecordErrors(policy, null);
    }

    private List<RecordWriter> openWriters(ChainSpec chainSpec, Closer closer, TaskMetricsCollector meter) {
        List<RecordWriter> writers = new ArrayList<>();
        for (ChannelSpec channel : plan.outputsOfVertex(chainSpec.tail())) {
            ChannelSelector selector = ChannelSelector.of(plan.graph(), channel, taskId.subtask(), userClassLoader);
            writers.add(closer.register(new RecordWriter(
                    meter.meter(io.channelWriter(channel, taskId.subtask())), selector,
                    channel.downstreamParallelism(), channel.edge().sideOutput())));
        }
        return writers;
    }

    private static void endOutputs(List<RecordWriter> writers) {
        for (RecordWriter writer : writers) {
            writer.broadcast(StreamElement.EndOfInput.INSTANCE);
        }
        flush(writers);
    }

    /** Idle: make what was written visible downstream rather than waiting for transport batching. */
    private static void flush(List<RecordWriter> writers) {
        writers.forEach(RecordWriter::flush);
    }

    private static boolean headIsKeyed(JobGraph graph, ChainSpec chain) {
        return graph.vertex(chain.head()).orElseThrow().operator().isKeyed();
    }

    private KeyedStateBackend newStateBackend() throws IOException {
        KeyedStateSettings settings = KeyedStateSettings.defaults(plan.graph().config().maxParallelism());
        return checkpointing.stateBackends().create(taskId, settings, userClassLoader, clock);
    }

    private static TaskCheckpointing withoutCoordinator() {
        return TaskCheckpointing.withoutCoordinator(Path.of(System.getProperty("java.io.tmpdir"), "sluice-checkpoints"));
    }
}
