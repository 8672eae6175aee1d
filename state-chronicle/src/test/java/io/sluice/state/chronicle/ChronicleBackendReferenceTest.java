package io.sluice.state.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ValueState;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chronicle backend against the heap backend on random value and map state operations over keys and namespaces,
 * with a map sized for 100 entries so that it grows many times: every read must agree.
 */
class ChronicleBackendReferenceTest {

    private static final ClassLoader LOADER = ChronicleBackendReferenceTest.class.getClassLoader();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    @SuppressWarnings({"unchecked", "rawtypes"})
    void readsWhatTheHeapBackendReads(int seed) throws Exception {
        Random random = new Random(seed);
        KeyedStateSettings settings = KeyedStateSettings.defaults(128);
        KeyedStateBackend chronicle = new ChronicleMapStateBackend(
                ChronicleMapOptions.defaults(directory, "reference", seed).withSizing(100, 32, 64), settings, LOADER,
                Clock.systemUTC());
        KeyedStateBackend heap = new InMemoryKeyedStateBackend(settings, LOADER, Clock.systemUTC());
        List<KeyedStateBackend> both = List.of(chronicle, heap);
        MapStateDescriptor timers = new MapStateDescriptor("timers", Long.class, Long.class);
        try {
            for (int op = 0; op < 300_000; op++) {
                String key = "k" + random.nextInt(3_000);
                Object namespace = random.nextInt(3) == 0 ? null : (long) random.nextInt(6);
                int action = random.nextInt(8);
                long value = random.nextLong();
                Object[] reads = new Object[2];
                for (int b = 0; b < 2; b++) {
                    KeyedStateBackend backend = both.get(b);
                    backend.setCurrentKey(key);
                    backend.setCurrentNamespace(namespace);
                    ValueState<Long> count = backend.valueState("count", Long.class);
                    MapState<Long, Long> map = backend.mapState(timers);
                    switch (action) {
                        case 0, 1 -> count.update(value);
                        case 2 -> count.clear();
                        case 3 -> reads[b] = count.value();
                        case 4 -> map.put(value % 50, value);
                        case 5 -> map.remove(value % 50);
                        case 6 -> reads[b] = map.entries();
                        default -> reads[b] = count.value();
                    }
                }
                assertThat(reads[0]).as("op %d %s %s", op, key, namespace).isEqualTo(reads[1]);
            }
        } finally {
            chronicle.dispose();
            heap.close();
        }
    }
}
