package io.sluice.runtime.task;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.CheckpointResponder;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.operator.RecordErrors;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one task's part in checkpoint n, at the barrier, on the task thread: the synchronous part captures the
 * chain's keyed state (a copy of the entries to write), each operator's own state, the source position and the input
 * channel positions; then barrier n goes down every output channel at once and the task goes on processing, while
 * the {@link AsyncSnapshotWriter} writes the snapshot into the task's directory of checkpoint storage
 * ({@link SubtaskState}, plus a file per operator with state of its own) and acknowledges it. A snapshot that fails
 * is declined (the checkpoint fails, the job goes on); the barrier is forwarded anyway so that downstream tasks do
 * not wait for it. Savepoints are written at the barrier, all synchronous.
 *
 * <p>Before the snapshot, the task's dead letters are flushed: a completed checkpoint means every record dead-lettered
 * before its barrier is in the dead-letter topic (at least once, as a side output to an at-least-once sink). A
 * flush that fails declines the checkpoint and fails the task, which then replays from the previous checkpoint.
 */
final class SubtaskCheckpointer {

    private static final Logger LOG = LoggerFactory.getLogger(SubtaskCheckpointer.class);

    private final TaskId task;
    private final CheckpointStorage storage;
    private final CheckpointResponder responder;
    private final KeyedStateBackend keyedState;
    private final OperatorChain chain;
    private final InputGate gate;
    private final List<RecordWriter> writers;
    private final RecordErrors recordErrors;
    private final AsyncSnapshotWriter snapshotWriter;
    private final ChannelTruncation truncation;

    /**
     * @param keyedState the chain's keyed state, or null if it has none
     * @param gate the task's input channels, or null for a source
     * @param snapshotWriter writes checkpoints' snapshots after the barrier
     */
    SubtaskCheckpointer(TaskId task, TaskCheckpointing checkpointing, KeyedStateBackend keyedState,
            OperatorChain chain, InputGate gate, List<RecordWriter> writers, RecordErrors recordErrors,
            AsyncSnapshotWriter snapshotWriter) {
        this.task = task;
        this.storage = checkpointing.storage();
        this.responder = checkpointing.responder();
        this.keyedState = keyedState;
        this.chain = chain;
        this.gate = gate;
        this.writers = writers;
        this.recordErrors = recordErrors;
        this.snapshotWriter = snapshotWriter;
        this.truncation = gate == null ? null : new ChannelTruncation(gate);
    }

    /** @param savepointDirectory for a savepoint, the directory it goes to; null for a checkpoint */
    void checkpoint(long checkpointId, long timestamp, String savepointDirectory) {
        flushDeadLetters(checkpointId);
        TaskSnapshotWrite captured = null;
        TaskSnapshot savepoint = null;
        String failure = null;
        long start = System.nanoTime();
        try {
            if (savepointDirectory == null) {
                captured = capture(checkpointId);
            } else {
                savepoint = savepoint(checkpointId, savepointDirectory).write();
            }
            LOG.debug("{} synchronous part of checkpoint {} took {} ms", task, checkpointId,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            // Linkage errors too (a state backend's native access refused): decline, never leave the coordinator
            // waiting for an acknowledgement that cannot come.
            LOG.error("{} could not snapshot checkpoint {}: declining it", task, checkpointId, e);
            failure = e.toString();
        }
        StreamElement.CheckpointBarrier barrier =
                new StreamElement.CheckpointBarrier(checkpointId, timestamp, savepointDirectory);
        for (RecordWriter writer : writers) {
            writer.broadcast(barrier);
            writer.flush();
        }
        if (captured != null) {
            snapshotWriter.submit(checkpointId, captured, start);
        } else if (savepoint != null) {
            responder.acknowledge(task, checkpointId, savepoint);
        } else {
            responder.decline(task, checkpointId, failure);
        }
    }

    /** Checkpoint n completed: the input channels may drop what lies before its barrier. */
    void completed(long checkpointId) {
        if (truncation != null) {
            truncation.completed(checkpointId);
        }
    }

    private void flushDeadLetters(long checkpointId) {
        try {
            recordErrors.flush();
        } catch (RuntimeException e) {
            responder.decline(task, checkpointId, "dead letters could not be flushed: " + e.getMessage());
            throw e;
        }
    }

    /** A barrier alignment given up because an upstream skipped the checkpoint: it can never complete. */
    void decline(long checkpointId, String reason) {
        responder.decline(task, checkpointId, reason);
    }

    private TaskSnapshotWrite capture(long checkpointId) throws Exception {
        Path directory = Files.createDirectories(storage.taskDirectory(task, checkpointId));
        KeyedStateCapture state = keyedState == null ? null : keyedState.capture(checkpointId, directory);
        return taken(checkpointId, directory, state, false);
    }

    /**
     * A savepoint: everything in {@code <savepoint directory>/<chain>-<subtask>/}, the keyed state as one full file,
     * so the savepoint needs no checkpoint file (which retention may delete) and can be moved as a whole.
     */
    private TaskSnapshotWrite savepoint(long checkpointId, String savepointDirectory) throws Exception {
        Path directory = Files.createDirectories(
                CheckpointStorage.savepointTaskDirectory(Path.of(savepointDirectory), task));
        KeyedStateCapture state = keyedState == null
                ? null
                : KeyedStateCapture.written(checkpointId, keyedState.savepoint(checkpointId, directory).latest());
        return taken(checkpointId, directory, state, true);
    }

    private TaskSnapshotWrite taken(long checkpointId, Path directory, KeyedStateCapture state,
            boolean selfContained) throws Exception {
        List<Long> channelPositions = new ArrayList<>();
        for (int channel = 0; gate != null && channel < gate.numberOfChannels(); channel++) {
            channelPositions.add(gate.position(channel));
        }
        if (truncation != null) {
            truncation.barrier(checkpointId, channelPositions);
        }
        try {
            return new TaskSnapshotWrite(directory, state, chain.snapshotOperators(checkpointId, directory),
                    chain.sourcePosition(), channelPositions, selfContained);
        } catch (Exception | LinkageError e) {
            if (state != null) {
                state.discard(); // the next capture must not build an increment on a file never written
            }
            throw e;
        }
    }
}
