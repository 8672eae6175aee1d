package io.sluice.state.chronicle;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how big the Chronicle Map of one operator subtask is. The sizes are a starting point: the map grows
 * when they prove too small (see {@link ChronicleMapStateBackend}).
 *
 * @param dataDirectory the worker's state directory for this job attempt; the map file is
 *     {@code <operatorId>-<subtaskIndex>.<generation>.cmap} in it
 * @param expectedEntries entries the first map is sized for (keys times namespaces per state)
 * @param averageKeySize expected bytes of a store key (key group, state id, serialized key and namespace)
 * @param averageValueSize expected bytes of a stored value (serialized, with a 1 or 9 byte header)
 */
public record ChronicleMapOptions(
        Path dataDirectory,
        String operatorId,
        int subtaskIndex,
        long expectedEntries,
        int averageKeySize,
        int averageValueSize) {

    public static final long DEFAULT_EXPECTED_ENTRIES = 100_000;
    public static final int DEFAULT_AVERAGE_KEY_SIZE = 32;
    public static final int DEFAULT_AVERAGE_VALUE_SIZE = 64;

    /** Operator ids are file-name safe by the job spec's rules; checked again because they name files here. */
    private static final Pattern OPERATOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ChronicleMapOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(operatorId, "operatorId");
        if (!OPERATOR_ID.matcher(operatorId).matches()) {
            throw new IllegalArgumentException("operator id is not a safe file name: " + operatorId);
        }
        if (subtaskIndex < 0) {
            throw new IllegalArgumentException("subtaskIndex must not be negative: " + subtaskIndex);
        }
        if (expectedEntries < 1 || averageKeySize < 1 || averageValueSize < 1) {
            throw new IllegalArgumentException("map sizes must be positive: entries " + expectedEntries
                    + ", key " + averageKeySize + " bytes, value " + averageValueSize + " bytes");
        }
    }

    public static ChronicleMapOptions defaults(Path dataDirectory, String operatorId, int subtaskIndex) {
        return new ChronicleMapOptions(dataDirectory, operatorId, subtaskIndex, DEFAULT_EXPECTED_ENTRIES,
                DEFAULT_AVERAGE_KEY_SIZE, DEFAULT_AVERAGE_VALUE_SIZE);
    }

    public ChronicleMapOptions withSizing(long entries, int keySize, int valueSize) {
        return new ChronicleMapOptions(dataDirectory, operatorId, subtaskIndex, entries, keySize, valueSize);
    }

    /** The prefix of this subtask's map files. */
    String filePrefix() {
        return operatorId + "-" + subtaskIndex + ".";
    }
}
