package io.sluice.worker.task;

import java.util.HashSet;
import java.util.Set;

/** The failure text of a task: what the engine shows for a FAILED task. */
final class FailureDescription {

    static final int MAX_FRAMES = 12;

    private FailureDescription() {}

    /** The root cause ({@code class: message}) and the top of its stack trace; the outer exception if different. */
    static String of(Throwable failure) {
        Throwable root = rootCause(failure);
        StringBuilder text = new StringBuilder(root.toString());
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        if (frames.length > MAX_FRAMES) {
            text.append("\n\t... ").append(frames.length - MAX_FRAMES).append(" more");
        }
        if (root != failure) {
            text.append("\nwrapped in: ").append(failure);
        }
        return text.toString();
    }

    static Throwable rootCause(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        while (current.getCause() != null && seen.add(current)) {
            current = current.getCause();
        }
        return current;
    }
}
