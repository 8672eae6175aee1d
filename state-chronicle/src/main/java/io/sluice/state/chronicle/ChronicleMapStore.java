package io.sluice.state.chronicle;

import io.sluice.runtime.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import net.openhft.chronicle.hash.serialization.impl.ByteArraySizedReader;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} in a persisted Chronicle Map of {@code byte[]} to {@code byte[]}: entries live off-heap in a
 * memory-mapped file, so the heap stays small whatever the state size.
 *
 * <p>Growth: Chronicle Map is sized when created; when a segment fills up it chains an extra tier to it, and fails
 * when those are exhausted or when one entry outgrows a segment ("entry too large"). The first extra tier, or either
 * failure, rebuilds the map into a new file (next generation)
 * sized from what is actually stored: at least {@value #GROWTH} times the entries and the measured average key and
 * value sizes; an entry still too large doubles the average sizes until it fits. The headroom matters beyond the
 * rebuilds: Chronicle finds room for a new entry by scanning its segment's free-chunk bitset, and that scan grew to a
 * sixth of a window task's CPU in the benchmark when the maps ran near full (docs/benchmarks.md). The copy pauses the task once per doubling, so the
 * cost is amortized like a hash table's rehash; size the options well to avoid it.
 *
 * <p>Why not live on extra tiers: a cluster run of windows with maps sized far too small lost or reset single
 * entries in most runs while the maps ran on extra tiers (results missing or undercounted), although every rebuild
 * copied exactly; rebuilding at the first extra tier lost nothing (docs/benchmarks.md, session 5,
 * {@code SmallStateMapsClusterIT}). Extra tiers also slow every access of their segment.
 *
 * <p>The file is a working store, not a recovery point: snapshots are. Opening deletes the files an earlier run of
 * the same subtask left behind.
 */
final class ChronicleMapStore implements StateStore {

    private static final Logger log = LoggerFactory.getLogger(ChronicleMapStore.class);

    private static final String SUFFIX = ".cmap";
    /** Rebuild attempts for one entry that does not fit; each doubles the sizing. */
    private static final int MAX_REBUILD_ATTEMPTS = 16;
    /** A rebuilt map holds this many times the entries stored when the old one filled up. */
    private static final int GROWTH = 4;

    private record Sizing(long entries, double averageKeySize, double averageValueSize) {}

    private final ChronicleMapOptions options;
    private Sizing sizing;
    private int generation;
    private Path file;
    private ChronicleMap<byte[], byte[]> map;
    /** The current map's {@code remainingAutoResizes()} before any segment took an extra tier. */
    private int tierlessResizes;

    private ChronicleMapStore(ChronicleMapOptions options) throws IOException {
        this.options = options;
        this.sizing = new Sizing(options.expectedEntries(), options.averageKeySize(), options.averageValueSize());
        this.file = fileOf(0);
        this.map = create(file, sizing);
        this.tierlessResizes = map.remainingAutoResizes();
    }

    static ChronicleMapStore open(ChronicleMapOptions options) throws IOException {
        Files.createDirectories(options.dataDirectory());
        deleteFiles(options);
        return new ChronicleMapStore(options);
    }

    Path file() {
        return file;
    }

    int generation() {
        return generation;
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            map.put(key, value);
        } catch (IllegalStateException | IllegalArgumentException full) {
            if (!map.isOpen()) {
                throw full;
            }
            rebuild(key, value, full instanceof IllegalArgumentException);
            return;
        }
        if (map.remainingAutoResizes() < tierlessResizes) {
            rebuild(key, value, false); // a segment took an extra tier: move to a map where none needs one
        }
    }

    @Override
    public void remove(byte[] key) {
        map.remove(key);
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> action) {
        map.forEachEntry(entry -> action.accept(entry.key().getUsing(null), entry.value().getUsing(null)));
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public void close() {
        map.close();
    }

    @Override
    public void dispose() {
        close();
        try {
            deleteFiles(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves every entry, and the one that did not fit, into a bigger map in a new file. */
    private void rebuild(byte[] key, byte[] value, boolean entryTooLarge) {
        long[] bytes = {key.length, value.length};
        map.forEachEntry(entry -> {
            bytes[0] += entry.key().size();
            bytes[1] += entry.value().size();
        });
        long count = map.longSize() + 1;
        Sizing next = new Sizing(
                entryTooLarge ? sizing.entries() : Math.max(2 * sizing.entries(), GROWTH * count),
                Math.max(sizing.averageKeySize(), (double) bytes[0] / count),
                Math.max(sizing.averageValueSize(), (double) bytes[1] / count));
        Path nextFile = fileOf(generation + 1);
        for (int attempt = 1; ; attempt++) {
            ChronicleMap<byte[], byte[]> bigger = create(nextFile, next);
            try {
                bigger.put(key, value);
                map.forEachEntry(entry -> {
                    byte[] existing = entry.key().getUsing(null);
                    if (!Arrays.equals(existing, key)) {
                        bigger.put(existing, entry.value().getUsing(null));
                    }
                });
            } catch (IllegalStateException | IllegalArgumentException stillFull) {
                bigger.close();
                delete(nextFile);
                if (attempt == MAX_REBUILD_ATTEMPTS) {
                    throw new IllegalStateException("state map " + file + " cannot hold an entry of " + key.length
                            + " + " + value.length + " bytes after " + attempt + " rebuilds", stillFull);
                }
                next = stillFull instanceof IllegalArgumentException
                        ? new Sizing(next.entries(), next.averageKeySize() * 2, next.averageValueSize() * 2)
                        : new Sizing(next.entries() * 2, next.averageKeySize(), next.averageValueSize());
                continue;
            }
            log.info("State map {} rebuilt as {}: {} entries of ~{} + ~{} bytes (was {})", file, nextFile,
                    next.entries(), Math.round(next.averageKeySize()), Math.round(next.averageValueSize()), sizing);
            map.close();
            delete(file);
            map = bigger;
            tierlessResizes = bigger.remainingAutoResizes();
            file = nextFile;
            sizing = next;
            generation++;
            return;
        }
    }

    private ChronicleMap<byte[], byte[]> create(Path path, Sizing size) {
        try {
            return ChronicleMap.of(byte[].class, byte[].class)
                    .name("sluice-state-" + options.operatorId() + "-" + options.subtaskIndex())
                    .entries(size.entries())
                    .averageKeySize(size.averageKeySize())
                    .averageValueSize(size.averageValueSize())
                    .keyReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ReusedBufferByteArrayAccess())
                    .valueReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ReusedBufferByteArrayAccess())
                    .putReturnsNull(true)
                    .removeReturnsNull(true)
                    // A working store, rebuilt from snapshots after a crash: checksums would only cost.
                    .checksumEntries(false)
                    .createPersistedTo(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state map " + path, e);
        }
    }

    private Path fileOf(int fileGeneration) {
        return options.dataDirectory().resolve(options.filePrefix() + fileGeneration + SUFFIX);
    }

    private static void deleteFiles(ChronicleMapOptions options) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(options.dataDirectory())) {
            files = listing.filter(path -> isMapFileOf(options, path.getFileName().toString())).toList();
        }
        for (Path path : files) {
            Files.deleteIfExists(path);
        }
    }

    /** {@code <operator>-<subtask>.<generation>.cmap}: the prefix alone could match another subtask's generation. */
    private static boolean isMapFileOf(ChronicleMapOptions options, String name) {
        String prefix = options.filePrefix();
        if (!name.startsWith(prefix) || !name.endsWith(SUFFIX)) {
            return false;
        }
        String generation = name.substring(prefix.length(), name.length() - SUFFIX.length());
        return !generation.isEmpty() && generation.chars().allMatch(Character::isDigit);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
