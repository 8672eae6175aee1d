package io.sluice.worker.state;

import io.sluice.protocol.WorkerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's own directory {@code <data-dir>/<worker id>/}, locked ({@code .lock}) for the life of the process.
 * The operating system releases the lock however the process ends, SIGKILL included, so a directory whose lock
 * can be taken belongs to a dead worker: opening deletes those, and whatever an earlier process with this id left
 * in this one (Chronicle Map files are working stores, rebuilt from checkpoints). Workers sharing a data dir on one
 * host therefore never delete each other's files.
 */
public final class WorkerDataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerDataDirectory.class);
    static final String LOCK_FILE = ".lock";
    /** The id names a directory: no separators, no "..". Pod names and generated ids qualify. */
    private static final Pattern SAFE_NAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._-]{1,253}");

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private WorkerDataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Locks this worker's directory and deletes the stale ones; fails if a live worker holds this id's. */
    public static WorkerDataDirectory open(Path dataDir, WorkerId worker) throws IOException {
        if (!SAFE_NAME.matcher(worker.value()).matches()) {
            throw new IllegalArgumentException("sluice.worker.id must be a file name (letters, digits, '.', '_', '-')"
                    + " to name the worker's data directory: " + worker);
        }
        Path own = Files.createDirectories(dataDir.resolve(worker.value()));
        FileChannel channel = lockChannel(own);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            channel.close();
            throw new IOException("data directory " + own + " is in use by another live worker with id " + worker);
        }
        WorkerDataDirectory directory = new WorkerDataDirectory(own, channel, lock);
        try (Stream<Path> leftovers = Files.list(own)) {
            for (Path leftover : leftovers.filter(p -> !p.getFileName().toString().equals(LOCK_FILE)).toList()) {
                log.info("Deleting {}, left by an earlier worker {}", leftover, worker);
                deleteTree(leftover);
            }
        }
        directory.deleteDeadWorkersDirectories(dataDir);
        return directory;
    }

    public Path path() {
        return path;
    }

    /** Releases the lock and deletes the directory: nothing in it outlives the worker. */
    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
        deleteTree(path);
    }

    private void deleteDeadWorkersDirectories(Path dataDir) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path sibling : siblings) {
                if (!sibling.equals(path) && Files.exists(sibling.resolve(LOCK_FILE)) && isAbandoned(sibling)) {
                    log.info("Deleting {}: its worker is gone", sibling);
                    deleteTree(sibling);
                }
            }
        }
    }

    /** Takes the directory's lock for a moment: only possible when its worker is dead. */
    private static boolean isAbandoned(Path directory) throws IOException {
        try (FileChannel channel = lockChannel(directory)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        }
    }

    private static FileChannel lockChannel(Path directory) throws IOException {
        return FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Null when another process holds the lock, or another worker in this JVM (tests run several). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
