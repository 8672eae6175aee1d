package io.sluice.runtime.task;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.runtime.checkpoint.CheckpointResponder;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous phase of a task's checkpoints: writes each snapshot taken at a barrier on a thread of its own
 * and only then, with every file synced, acknowledges it (or declines it if the write failed). The task has
 * forwarded the barrier and gone on processing meanwhile. One thread per task, so snapshots are written in
 * checkpoint order (an incremental snapshot builds on the files of the previous ones).
 */
final class AsyncSnapshotWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncSnapshotWriter.class);

    private final TaskId task;
    private final CheckpointResponder responder;
    private final ThreadPoolExecutor thread;
    private volatile boolean closed;

    AsyncSnapshotWriter(TaskId task, CheckpointResponder responder) {
        this.task = task;
        this.responder = responder;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread t = new Thread(runnable, "snapshot-writer-" + task);
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes {@code snapshot} of checkpoint n after the ones submitted before, then answers the coordinator. */
    void submit(long checkpointId, TaskSnapshotWrite snapshot, long capturedAtNanos) {
        try {
            thread.execute(() -> write(checkpointId, snapshot, capturedAtNanos));
        } catch (RejectedExecutionException e) {
            snapshot.discard();
            responder.decline(task, checkpointId, task + " is closing");
        }
    }

    private void write(long checkpointId, TaskSnapshotWrite snapshot, long capturedAtNanos) {
        TaskSnapshot written;
        try {
            written = snapshot.write();
        } catch (Exception | LinkageError e) {
            if (closed) {
                // close() interrupted the write (cancel, failover): not a storage problem worth a stack trace.
                LOG.info("{} ended while writing its snapshot of checkpoint {}: declining it", task, checkpointId);
            } else {
                LOG.error("{} could not write its snapshot of checkpoint {}: declining it", task, checkpointId, e);
            }
            responder.decline(task, checkpointId, e.toString());
            return;
        }
        LOG.debug("{} wrote its snapshot of checkpoint {} in {} ms after the barrier", task, checkpointId,
                (System.nanoTime() - capturedAtNanos) / 1_000_000);
        responder.acknowledge(task, checkpointId, written);
    }

    /**
     * The task finished its input: waits until every submitted snapshot is written and answered, so its answers go
     * out before the task reports FINISHED; gives up when {@code cancelled} turns true.
     */
    void awaitWritten(BooleanSupplier cancelled) throws InterruptedException {
        thread.shutdown();
        while (!thread.awaitTermination(StreamTask.POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            if (cancelled.getAsBoolean()) {
                return;
            }
        }
    }

    /**
     * The task ends: snapshots not written yet are dropped (their checkpoints cannot complete without this task), and
     * one being written is interrupted.
     */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }
}
