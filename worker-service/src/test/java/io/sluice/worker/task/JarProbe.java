package io.sluice.worker.task;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seen by the test jobs' functions through their loader's parent: records what each job's functions saw and, weakly,
 * the class loader they ran in, so a test can tell whether those loaders were collected.
 */
public final class JarProbe {

    private static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();
    private static final Set<ClassLoader> KNOWN = Collections.newSetFromMap(new WeakHashMap<>());
    private static final List<WeakReference<ClassLoader>> LOADERS = new ArrayList<>();

    private JarProbe() {}

    /** Called from job functions; returns {@code value}. */
    public static String record(String job, String value, ClassLoader loader) {
        SEEN.computeIfAbsent(job, j -> ConcurrentHashMap.newKeySet()).add(value);
        synchronized (LOADERS) {
            if (KNOWN.add(loader)) {
                LOADERS.add(new WeakReference<>(loader));
            }
        }
        return value;
    }

    static Set<String> seen(String job) {
        return SEEN.getOrDefault(job, Set.of());
    }

    /** Loaders recorded so far. */
    static int loadersRecorded() {
        synchronized (LOADERS) {
            return LOADERS.size();
        }
    }

    /** Recorded loaders not yet collected. */
    static int loadersAlive() {
        synchronized (LOADERS) {
            return (int) LOADERS.stream().filter(r -> r.get() != null).count();
        }
    }
}
