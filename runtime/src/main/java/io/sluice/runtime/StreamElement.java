package io.sluice.runtime;

/** What flows on a channel between tasks. */
public sealed interface StreamElement
        permits StreamElement.Record, StreamElement.Watermark, StreamElement.CheckpointBarrier, StreamElement.EndOfInput {

    /** Timestamp of a record that has none. */
    long NO_TIMESTAMP = Long.MIN_VALUE;

    /** A data record with its event timestamp (or {@link #NO_TIMESTAMP}). */
    record Record(Object value, long timestamp) implements StreamElement {}

    /** Event time has reached {@code timestamp} on this channel. */
    record Watermark(long timestamp) implements StreamElement {}

    /** Separates the records before checkpoint {@code checkpointId} from those after it. */
    record CheckpointBarrier(long checkpointId, long timestamp) implements StreamElement {}

    /** The upstream subtask finished: no more elements on this channel. */
    record EndOfInput() implements StreamElement {
        public static final EndOfInput INSTANCE = new EndOfInput();
    }
}
