package io.sluice.engine.ha;

import io.sluice.engine.checkpoint.CheckpointIdCounter;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.engine.job.JobRecord;
import io.sluice.engine.job.JobStore;
import io.sluice.protocol.JobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs and their checkpoint metadata in a directory ({@code sluice.engine.ha-dir}), one sub-directory per job:
 * {@code <jobid>/job.json}, {@code <jobid>/checkpoints.json}, {@code <jobid>/checkpoint-id}. Every file is replaced
 * atomically, so a kill -9 at any moment leaves each one either as it was or as it became.
 */
public final class FileJobStore implements JobStore {

    static final String JOB_FILE = "job.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final Map<JobId, FileCompletedCheckpointStore> checkpoints = new HashMap<>();
    private final Map<JobId, FileCheckpointIdCounter> ids = new HashMap<>();

    public FileJobStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's HA directory " + root, e);
        }
    }

    @Override
    public void put(JobRecord job) {
        AtomicFile.write(jobDir(job.plan().jobId()).resolve(JOB_FILE), JSON.writeValueAsBytes(job));
    }

    @Override
    public void remove(JobId job) {
        checkpoints.remove(job);
        ids.remove(job);
        Path dir = jobDir(job);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public List<JobRecord> jobs() {
        List<JobRecord> jobs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path file : dirs.map(d -> d.resolve(JOB_FILE)).filter(Files::exists).toList()) {
                jobs.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return jobs;
    }

    @Override
    public CompletedCheckpointStore checkpoints(JobId job) {
        return checkpoints.computeIfAbsent(job,
                j -> new FileCompletedCheckpointStore(jobDir(j).resolve("checkpoints.json")));
    }

    @Override
    public CheckpointIdCounter checkpointIds(JobId job, long firstId) {
        return ids.computeIfAbsent(job, j -> new FileCheckpointIdCounter(jobDir(j).resolve("checkpoint-id"), firstId));
    }

    private Path jobDir(JobId job) {
        return root.resolve(job.hex());
    }

    private static JobRecord read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), JobRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("corrupt job record " + file, e);
        }
    }
}
