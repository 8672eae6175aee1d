package io.sluice.runtime.operator;

import java.io.PrintStream;

/**
 * Prints each record as a line {@code <prefix>String.valueOf(record)}, like Flink's print sink: the prefix is
 * {@code "name> "} with a name, {@code "name:3> "} / {@code "3> "} when the operator runs in several subtasks
 * (1-based subtask number), and empty for an unnamed sink of parallelism 1. Rows print as {@code {k=v, ...}}.
 */
public final class PrintSinkOperator implements Operator {

    private final String name;
    private final PrintStream out;
    private String linePrefix;

    public PrintSinkOperator(String name, PrintStream out) {
        this.name = name == null ? "" : name;
        this.out = out;
    }

    @Override
    public void open(OperatorContext context, Output output) {
        linePrefix = linePrefix(name, context.subtaskIndex(), context.parallelism());
    }

    @Override
    public void processElement(Object value, long timestamp) {
        out.println(linePrefix + value);
    }

    @Override
    public void finish() {
        out.flush();
    }

    static String linePrefix(String name, int subtaskIndex, int parallelism) {
        String subtask = parallelism > 1 ? String.valueOf(subtaskIndex + 1) : "";
        if (name.isEmpty()) {
            return subtask.isEmpty() ? "" : subtask + "> ";
        }
        return subtask.isEmpty() ? name + "> " : name + ":" + subtask + "> ";
    }
}
