package io.sluice.runtime;

/** What flows on a channel between tasks. */
public sealed interface StreamElement
        permits StreamElement.Record, StreamElement.Watermark, StreamElement.CheckpointBarrier, StreamElement.EndOfInput {

    /** Timestamp of a record that has none. */
    long NO_TIMESTAMP = Long.MIN_VALUE;

    /** A data record with its event timestamp (or {@link #NO_TIMESTAMP}). */
    record Record(Object value, long timestamp) implements StreamElement {}

    /**
     * Event time has reached {@code timestamp} on this channel. The value {@link #IDLE} is not a time but a marker:
     * the sender is idle (no records for a while) and must not hold back the receiver's event time until it sends
     * a watermark again. Operators that keep event time ignore it and pass it on.
     */
    record Watermark(long timestamp) implements StreamElement {
        /** Marker value: the sending subtask is idle. Never a real watermark (one above {@code Long.MIN_VALUE}). */
        public static final long IDLE = Long.MIN_VALUE + 1;

        public static boolean isIdle(long watermark) {
            return watermark == IDLE;
        }
    }

    /**
     * Separates the records before checkpoint {@code checkpointId} from those after it.
     *
     * @param savepointDirectory for a savepoint, where every task writes its self-contained snapshot; null for a
     *     checkpoint
     */
    record CheckpointBarrier(long checkpointId, long timestamp, String savepointDirectory) implements StreamElement {

        /** A checkpoint's barrier. */
        public CheckpointBarrier(long checkpointId, long timestamp) {
            this(checkpointId, timestamp, null);
        }

        public boolean isSavepoint() {
            return savepointDirectory != null;
        }
    }

    /** The upstream subtask finished: no more elements on this channel. */
    record EndOfInput() implements StreamElement {
        public static final EndOfInput INSTANCE = new EndOfInput();
    }
}
