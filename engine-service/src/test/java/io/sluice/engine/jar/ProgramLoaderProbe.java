package io.sluice.engine.jar;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/** Seen by test programs through their loader's parent: keeps each program's loader weakly. */
public final class ProgramLoaderProbe {

    private static final List<WeakReference<ClassLoader>> LOADERS = new ArrayList<>();

    private ProgramLoaderProbe() {}

    public static synchronized void record(ClassLoader loader) {
        LOADERS.add(new WeakReference<>(loader));
    }

    static synchronized int recorded() {
        return LOADERS.size();
    }

    static synchronized int alive() {
        return (int) LOADERS.stream().filter(r -> r.get() != null).count();
    }
}
