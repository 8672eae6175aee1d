package io.sluice.engine.checkpoint;

import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.state.SnapshotFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes checkpoint state in file storage ({@code file:} locations, as workers write them): each task directory of
 * a discarded checkpoint and the files of its keyed-state chain, except files that a retained checkpoint's task
 * directory holds or whose chain lists. Directories left empty go too (task, then {@code chk-n}). Runs on the job
 * manager's thread; deleting a few files per completed checkpoint is cheap next to the checkpoint itself.
 */
public final class FileCheckpointDiscarder implements CheckpointDiscarder {

    private static final Logger log = LoggerFactory.getLogger(FileCheckpointDiscarder.class);

    @Override
    public void discard(List<CompletedCheckpoint> discarded, List<CompletedCheckpoint> retained) {
        if (discarded.isEmpty()) {
            return;
        }
        Set<Path> kept;
        try {
            kept = referencedBy(retained);
        } catch (RuntimeException e) {
            // Without knowing what the retained checkpoints need, deleting anything could break a restore.
            log.warn("Not deleting the state of {} checkpoints: cannot read what the retained ones reference",
                    discarded.size(), e);
            return;
        }
        for (CompletedCheckpoint checkpoint : discarded) {
            for (SubtaskStateHandle handle : checkpoint.states().values()) {
                fileLocation(handle).ifPresent(dir -> discardTaskState(checkpoint, dir, kept));
            }
        }
    }

    /** Every file a restore from one of these checkpoints reads: their task directories and keyed-state chains. */
    private static Set<Path> referencedBy(List<CompletedCheckpoint> retained) {
        Set<Path> kept = new HashSet<>();
        for (CompletedCheckpoint checkpoint : retained) {
            for (SubtaskStateHandle handle : checkpoint.states().values()) {
                fileLocation(handle).ifPresent(dir -> {
                    kept.addAll(filesIn(dir));
                    kept.addAll(chainOf(handle.location()));
                });
            }
        }
        return kept;
    }

    private static void discardTaskState(CompletedCheckpoint checkpoint, Path dir, Set<Path> kept) {
        Set<Path> candidates = new LinkedHashSet<>();
        try {
            if (Files.isDirectory(dir)) {
                candidates.addAll(chainOf(dir.toUri().toString()));
                candidates.addAll(filesIn(dir));
            }
        } catch (RuntimeException e) {
            log.warn("Checkpoint {}: cannot read the state in {}; leaving it", checkpoint.checkpointId(), dir, e);
            return;
        }
        Set<Path> parents = new LinkedHashSet<>();
        for (Path file : candidates) {
            if (!kept.contains(file.toAbsolutePath().normalize())) {
                try {
                    Files.deleteIfExists(file);
                    parents.add(file.getParent());
                } catch (IOException e) {
                    log.warn("Checkpoint {}: cannot delete {}", checkpoint.checkpointId(), file, e);
                }
            }
        }
        parents.add(dir);
        parents.forEach(FileCheckpointDiscarder::deleteIfEmpty);
    }

    /** Deletes the task directory and then its {@code chk-n} parent, each only if empty. */
    private static void deleteIfEmpty(Path taskDir) {
        Path checkpointDir = taskDir.getParent();
        if (deleteEmpty(taskDir) && checkpointDir != null
                && checkpointDir.getFileName().toString().startsWith("chk-")) {
            deleteEmpty(checkpointDir);
        }
    }

    private static boolean deleteEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (DirectoryNotEmptyException e) {
            return false;
        } catch (IOException e) {
            log.debug("Cannot delete {}", dir, e);
            return false;
        }
    }

    private static List<Path> chainOf(String location) {
        SubtaskState state = SubtaskState.read(location);
        return state.keyedState() == null
                ? List.of()
                : state.keyedState().files().stream().map(SnapshotFile::path)
                        .map(p -> p.toAbsolutePath().normalize()).toList();
    }

    private static List<Path> filesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<Path> fileLocation(SubtaskStateHandle handle) {
        URI uri = URI.create(handle.location());
        return "file".equals(uri.getScheme())
                ? Optional.of(Path.of(uri).toAbsolutePath().normalize())
                : Optional.empty();
    }
}
