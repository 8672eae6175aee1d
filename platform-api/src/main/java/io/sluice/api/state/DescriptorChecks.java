package io.sluice.api.state;

import java.util.Objects;

/** Argument checks shared by the state descriptors. */
final class DescriptorChecks {

    private DescriptorChecks() {}

    static void name(String name) {
        Objects.requireNonNull(name, "state name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("state name is blank");
        }
    }
}
