package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobException;
import io.sluice.engine.job.JobMaster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /jobs/{jobid}/exceptions} in Flink's shape: the latest failure as the root exception, all of them (newest
 * first) in both Flink's legacy list and its exception history. Times in epoch millis.
 */
public record JobExceptions(
        @JsonProperty("root-exception") String rootException,
        Long timestamp,
        @JsonProperty("all-exceptions") List<Legacy> allExceptions,
        boolean truncated,
        @JsonProperty("exceptionHistory") History exceptionHistory) {

    public record Legacy(String exception, String task, String location, long timestamp) {}

    public record History(List<Entry> entries, boolean truncated) {}

    public record Entry(String exceptionName, String stacktrace, long timestamp, String taskName, String location) {}

    static JobExceptions of(JobMaster job) {
        List<JobException> newestFirst = new ArrayList<>(job.exceptions());
        Collections.reverse(newestFirst);
        JobException root = newestFirst.isEmpty() ? null : newestFirst.get(0);
        return new JobExceptions(
                root == null ? null : root.cause(),
                root == null ? null : RestTime.millis(root.timestamp()),
                newestFirst.stream().map(e -> new Legacy(e.cause(), taskName(e), location(e),
                        RestTime.millis(e.timestamp()))).toList(),
                false,
                new History(newestFirst.stream().map(e -> new Entry(name(e), e.cause(),
                        RestTime.millis(e.timestamp()), taskName(e), location(e))).toList(), false));
    }

    private static String taskName(JobException e) {
        return e.task().map(t -> t.chainId() + " (" + (t.subtask() + 1) + ")").orElse(null);
    }

    private static String location(JobException e) {
        return e.location().map(w -> w.value()).orElse(null);
    }

    /** Sluice reports failures as text, not exceptions: name the kind of failure instead of a class. */
    private static String name(JobException e) {
        if (e.task().isPresent()) {
            return "TaskFailure";
        }
        return e.location().isPresent() ? "WorkerLost" : "JobFailure";
    }
}
