package io.sluice.local.cli;

import io.sluice.protocol.JobId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

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
        String spec;
        try {
            spec = Files.readString(specFile);
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
        if (!JobId.isValid(jobId)) {
            throw new CliException(ExitCodes.USAGE, "not a job id (32 lowercase hex characters): " + jobId);
        }
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

    private static String startTime(JsonNode millis) {
        return millis.isNumber() && millis.asLong() > 0 ? TIME.format(Instant.ofEpochMilli(millis.asLong())) : "-";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString("") : "";
    }
}
