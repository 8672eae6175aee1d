package io.sluice.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names a side output of an operator (Flink's {@code OutputTag}): process functions emit to it with
 * {@code ctx.output(tag, value)}, and {@link SingleOutputStreamOperator#getSideOutput} reads it as a stream. Tags are
 * equal when their ids are; {@code new OutputTag<String>("late") {}} (an anonymous subclass, as in Flink) works too.
 *
 * @param <T> type of the records emitted to it
 */
public class OutputTag<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;

    public OutputTag(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an output tag needs a non-blank id");
        }
        this.id = id;
    }

    public String getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputTag<?> other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "OutputTag(" + id + ")";
    }
}
