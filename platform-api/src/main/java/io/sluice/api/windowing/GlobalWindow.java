package io.sluice.api.windowing;

/** The one window that holds every element of a key; it never ends, so only a custom trigger fires it. */
public record GlobalWindow() implements Window {

    public static final GlobalWindow INSTANCE = new GlobalWindow();

    @Override
    public long maxTimestamp() {
        return Long.MAX_VALUE;
    }
}
