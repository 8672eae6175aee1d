package io.sluice.graph;

import java.util.Objects;

/**
 * What a job does with a record that cannot be processed: one that cannot be decoded (a kafka-source's malformed
 * JSON), misses a field, or makes an expression fail. Errors of the job itself (Kafka, state, checkpoints) always
 * fail it.
 *
 * @param mode {@link Mode#FAIL} (the default), {@link Mode#SKIP} or {@link Mode#DEAD_LETTER}
 * @param deadLetterTopic where {@link Mode#DEAD_LETTER} writes the records; null for the other modes
 */
public record ErrorPolicy(Mode mode, String deadLetterTopic) {

    public enum Mode {
        /** The job fails, naming the operator, the record's source coordinates and the error. */
        FAIL,
        /** The record is dropped and counted. */
        SKIP,
        /** The record is written to the dead-letter topic with the error, the operator and its coordinates; counted. */
        DEAD_LETTER
    }

    public static final ErrorPolicy FAIL = new ErrorPolicy(Mode.FAIL, null);

    public ErrorPolicy {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.DEAD_LETTER) != (deadLetterTopic != null && !deadLetterTopic.isBlank())) {
            throw new IllegalArgumentException(mode == Mode.DEAD_LETTER
                    ? "dead-letter mode needs a dead-letter-topic"
                    : "dead-letter-topic is only for mode dead-letter");
        }
    }
}
