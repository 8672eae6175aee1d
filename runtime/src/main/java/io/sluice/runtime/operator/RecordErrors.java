package io.sluice.runtime.operator;

import io.sluice.graph.ErrorPolicy;
import io.sluice.runtime.expr.ExpressionException;
import io.sluice.runtime.io.DeadLetter;
import io.sluice.runtime.io.DeadLetterSink;
import io.sluice.runtime.io.RecordOrigin;
import io.sluice.runtime.io.RecordFormats;
import io.sluice.runtime.record.BadRecordException;
import io.sluice.graph.OperatorSpec.RecordFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies a job's {@link ErrorPolicy} to records that cannot be processed, in one task: fails the task, or counts
 * and drops the record, or counts it and hands it to the {@link DeadLetterSink}. A kafka-source marks each
 * record's {@link #origin} before emitting it, so errors further down the chain carry its coordinates.
 *
 * <p>The counters per vertex ({@link #counts()}) are the port for metrics: readable from any thread.
 */
public final class RecordErrors {

    /** How many records of a vertex were skipped or dead-lettered. */
    public record Counts(long skipped, long deadLettered) {}

    private final ErrorPolicy policy;
    private final DeadLetterSink deadLetters;
    private final Map<String, LongAdder> handled = new ConcurrentHashMap<>();
    private RecordOrigin origin;

    /** @param deadLetters required for {@link ErrorPolicy.Mode#DEAD_LETTER}, else null */
    public RecordErrors(ErrorPolicy policy, DeadLetterSink deadLetters) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy.mode() == ErrorPolicy.Mode.DEAD_LETTER) {
            Objects.requireNonNull(deadLetters, "deadLetters");
        }
        this.deadLetters = deadLetters;
    }

    /** Fails on every bad record (the default policy). */
    public static RecordErrors failing() {
        return new RecordErrors(ErrorPolicy.FAIL, null);
    }

    public ErrorPolicy policy() {
        return policy;
    }

    /** Whether {@code e} is about a record's content (handled by the policy) rather than about the job. */
    public static boolean isRecordError(Throwable e) {
        Throwable cause = e instanceof OperatorException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof ExpressionException || cause instanceof BadRecordException;
    }

    /** The source coordinates of the record now flowing through the chain; null when unknown. */
    public void origin(RecordOrigin origin) {
        this.origin = origin;
    }

    /** An operator failed on {@code record}: fail, skip or dead-letter it. */
    public void onOperatorError(String operatorId, Object record, RuntimeException error) {
        handle(operatorId, error, () -> encode(record));
    }

    /** A source could not decode {@code original}. */
    public void onUndecodable(String operatorId, byte[] original, RuntimeException error) {
        handle(operatorId, error, () -> original);
    }

    /** Per vertex id, the records skipped or dead-lettered so far. */
    public Map<String, Counts> counts() {
        Map<String, Counts> counts = new java.util.TreeMap<>();
        boolean dead = policy.mode() == ErrorPolicy.Mode.DEAD_LETTER;
        handled.forEach((vertex, n) -> counts.put(vertex, dead ? new Counts(0, n.sum()) : new Counts(n.sum(), 0)));
        return counts;
    }

    public void flush() {
        if (deadLetters != null) {
            deadLetters.flush();
        }
    }

    private void handle(String operatorId, RuntimeException error, java.util.function.Supplier<byte[]> original) {
        String reason = String.valueOf(error.getMessage());
        switch (policy.mode()) {
            case FAIL -> throw new BadRecordException("operator '" + operatorId + "' failed on a record"
                    + (origin == null ? "" : " from " + origin) + ": " + reason, error);
            case SKIP -> count(operatorId);
            case DEAD_LETTER -> {
                deadLetters.write(new DeadLetter(original.get(), operatorId, reason, origin));
                count(operatorId);
            }
        }
    }

    private void count(String operatorId) {
        handled.computeIfAbsent(operatorId, id -> new LongAdder()).increment();
    }

    /** JSON of the record as the operator saw it; its text if even that fails (a record type JSON cannot write). */
    private static byte[] encode(Object record) {
        try {
            return RecordFormats.encode(RecordFormat.JSON, record);
        } catch (RuntimeException e) {
            return String.valueOf(record).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
