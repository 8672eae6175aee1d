package io.sluice.api.windowing.assigners;

import io.sluice.graph.window.AssignerSpec;

/** One window per key that never ends: use with a trigger. */
public final class GlobalWindows {

    private GlobalWindows() {}

    public static AssignerSpec create() {
        return new AssignerSpec.Global();
    }
}
