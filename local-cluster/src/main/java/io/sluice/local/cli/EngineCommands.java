package io.sluice.local.cli;

import io.sluice.protocol.JobId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The CLI commands that call the engine's REST API: run, list, cancel, status. */
final class EngineCommands {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final EngineClient engine;
    private final PrintStream out;
    private final PrintStream err;

    EngineCommands(EngineClient engine, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.out = out;
        this.err = err;
    }

    /** Submits a JSON job spec; prints the new job's id. */
    int run(Path specFile) {
        return run(specFile, null, false, 0);
    }

    /**
     * Submits a JSON job spec, optionally resumed from a savepoint ({@code savepointPath}) and with another default
     * parallelism (the spec's top-level {@code parallelism}); prints the new job's id.
     *
     * @param savepoint the savepoint path, or null
     * @param parallelism the job's parallelism, or 0 to keep the spec's
     */
    int run(Path specFile, String savepoint, boolean allowNonRestoredState, int parallelism) {
        String spec;
        try {
            spec = withOverrides(Files.readString(specFile), specFile, savepoint, allowNonRestoredState, parallelism);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.FAILED, "no such file: " + specFile);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read " + specFile + ": " + e.getMessage());
        }
        EngineClient.Response response = engine.post("/jobs", spec);
        if (response.status() == 400) {
            err.println("Job spec " + specFile + " was rejected:");
            ErrorBody.errors(response).forEach(line -> err.println("  " + line));
            return ExitCodes.FAILED;
        }
        if (!response.ok()) {
            throw new CliException(ExitCodes.FAILED, response.failure());
        }
        String id = text(response.json(), "jobid");
        if (id.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "the engine accepted the job but sent no job id: " + response.body());
        }
        out.println(id);
        return ExitCodes.OK;
    }

    /**
     * Takes a savepoint of a running job (into {@code directory}, or the engine's default) and waits for it; prints
     * its location. With {@code stop} it is Flink's stop with savepoint: the job then finishes.
     */
    int savepoint(String jobId, Path directory, boolean stop, Duration timeout) {
        checkJobId(jobId);
        Map<String, Object> body = new LinkedHashMap<>();
        if (directory != null) {
            body.put(stop ? "targetDirectory" : "target-directory", directory.toAbsolutePath().normalize().toString());
        }
        EngineClient.Response response = engine.post(
                "/jobs/" + jobId + (stop ? "/stop" : "/savepoints"), EngineClient.JSON.writeValueAsString(body));
        if (response.status() == 404) {
            throw new CliException(ExitCodes.FAILED, "no job " + jobId);
        }
        if (response.status() == 400 || response.status() == 409) {
            throw new CliException(ExitCodes.FAILED, "savepoint refused: " + ErrorBody.message(response));
        }
        if (!response.ok()) {
            throw new CliException(ExitCodes.FAILED, response.failure());
        }
        String requestId = text(response.json(), "request-id");
        err.println((stop ? "Stopping job " + jobId + " with a savepoint" : "Savepoint of job " + jobId)
                + " requested (" + requestId + "); waiting...");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = engine.get("/jobs/" + jobId + "/savepoints/" + requestId).json();
            JsonNode operation = status.path("operation");
            if (operation.has("location")) {
                out.println(operation.path("location").asString());
                return ExitCodes.OK;
            }
            if (operation.has("failure-cause")) {
                throw new CliException(ExitCodes.FAILED,
                        "savepoint failed: " + operation.path("failure-cause").path("stack-trace").asString(""));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.FAILED, "interrupted");
            }
        }
        throw new CliException(ExitCodes.FAILED, "savepoint " + requestId + " not complete after " + timeout
                + "; ask GET /jobs/" + jobId + "/savepoints/" + requestId);
    }

    /** A table of all jobs, in the order the engine lists them. */
    int list() {
        EngineClient.Response response = engine.get("/jobs/overview");
        if (!response.ok()) {
            throw new CliException(ExitCodes.FAILED, response.failure());
        }
        JsonNode jobs = response.json().path("jobs");
        if (jobs.isEmpty()) {
            out.println("No jobs.");
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "NAME", "STATE", "START TIME"));
        for (JsonNode job : jobs) {
            rows.add(List.of(
                    text(job, "jid"),
                    text(job, "name"),
                    text(job, "state"),
                    startTime(job.path("start-time"))));
        }
        TextTable.print(rows, out);
        return ExitCodes.OK;
    }

    int cancel(String jobId) {
        checkJobId(jobId);
        EngineClient.Response response = engine.patch("/jobs/" + jobId + "?mode=cancel");
        if (response.status() == 404) {
            throw new CliException(ExitCodes.FAILED, "no job " + jobId);
        }
        if (response.status() == 409) {
            throw new CliException(ExitCodes.FAILED, "cannot cancel: " + ErrorBody.message(response));
        }
        if (!response.ok()) {
            throw new CliException(ExitCodes.FAILED, response.failure());
        }
        out.println("Cancelling job " + jobId);
        return ExitCodes.OK;
    }

    /** The cluster overview (task managers, slots, job counts) as indented JSON. */
    int status() {
        EngineClient.Response response = engine.get("/overview");
        if (!response.ok()) {
            throw new CliException(ExitCodes.FAILED, response.failure());
        }
        out.println(EngineClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(response.json()));
        return ExitCodes.OK;
    }

    private static void checkJobId(String jobId) {
        if (!JobId.isValid(jobId)) {
            throw new CliException(ExitCodes.USAGE, "not a job id (32 lowercase hex characters): " + jobId);
        }
    }

    /** The spec with {@code savepointPath} and {@code parallelism} set at its top level, when given. */
    private static String withOverrides(String spec, Path specFile, String savepoint, boolean allowNonRestoredState,
            int parallelism) {
        if (savepoint == null && parallelism == 0) {
            return spec;
        }
        JsonNode root;
        try {
            root = EngineClient.JSON.readTree(spec);
        } catch (JacksonException e) {
            return spec; // the engine reports the malformed JSON with its position
        }
        if (!(root instanceof ObjectNode job)) {
            return spec;
        }
        if (savepoint != null) {
            job.put("savepointPath", savepoint.startsWith("file:") ? savepoint
                    : Path.of(savepoint).toAbsolutePath().normalize().toString());
            if (allowNonRestoredState) {
                job.put("allowNonRestoredState", true);
            }
        }
        if (parallelism > 0) {
            job.put("parallelism", parallelism);
        }
        return EngineClient.JSON.writeValueAsString(job);
    }

    private static String startTime(JsonNode millis) {
        return millis.isNumber() && millis.asLong() > 0 ? TIME.format(Instant.ofEpochMilli(millis.asLong())) : "-";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString("") : "";
    }
}
