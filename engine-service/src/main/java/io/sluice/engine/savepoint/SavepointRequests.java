package io.sluice.engine.savepoint;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The savepoint requests of one job, by request id, and the savepoint directory each writes to. The coordinator
 * knows a savepoint by its directory; this maps it back to the request and its mode. Not thread-safe: job manager
 * thread only.
 */
public final class SavepointRequests {

    /** Requests kept per job, oldest dropped first (Flink keeps its trigger results for a while, too). */
    static final int MAX_KEPT = 100;

    private final Map<String, SavepointStatus> statuses = new LinkedHashMap<>();
    private final Map<String, Pending> byDirectory = new LinkedHashMap<>();

    /** A request not finished yet. */
    public record Pending(String requestId, Path directory, SavepointMode mode) {}

    /**
     * A new request writing to a fresh directory under {@code targetDirectory}:
     * {@code savepoint-<first 6 of the job id>-<12 random hex digits>}, as Flink names them.
     */
    public Pending create(String jobIdHex, Path targetDirectory, SavepointMode mode) {
        HexFormat hex = HexFormat.of();
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String requestId = hex.formatHex(random);
        Path directory = targetDirectory.resolve("savepoint-" + jobIdHex.substring(0, 6) + "-"
                + requestId.substring(0, 12));
        return new Pending(requestId, directory, mode);
    }

    /** The request was accepted by the coordinator: it is in progress. */
    public void started(Pending request) {
        statuses.put(request.requestId(), SavepointStatus.inProgress(request.requestId()));
        byDirectory.put(request.directory().toString(), request);
        while (statuses.size() > MAX_KEPT) {
            statuses.remove(statuses.keySet().iterator().next());
        }
    }

    /** The request of the savepoint writing to {@code directory}, while it runs. */
    public Optional<Pending> pending(String directory) {
        return Optional.ofNullable(byDirectory.get(directory));
    }

    public Optional<Pending> completed(String directory) {
        Pending request = byDirectory.remove(directory);
        if (request != null) {
            statuses.computeIfPresent(request.requestId(),
                    (id, status) -> status.completed(request.directory().toUri().toString()));
        }
        return Optional.ofNullable(request);
    }

    public Optional<Pending> failed(String directory, String cause) {
        Pending request = byDirectory.remove(directory);
        if (request != null) {
            statuses.computeIfPresent(request.requestId(), (id, status) -> status.failed(cause));
        }
        return Optional.ofNullable(request);
    }

    /** Every request still running fails (the job stopped or failed over). */
    public void failAll(String cause) {
        for (String directory : java.util.List.copyOf(byDirectory.keySet())) {
            failed(directory, cause);
        }
    }

    public Optional<SavepointStatus> status(String requestId) {
        return Optional.ofNullable(statuses.get(requestId));
    }
}
