package io.sluice.runtime.window;

/** What a trigger decides: evaluate the window or not, and drop its contents or not. */
public enum TriggerResult {
    CONTINUE(false, false),
    FIRE(true, false),
    PURGE(false, true),
    FIRE_AND_PURGE(true, true);

    private final boolean fire;
    private final boolean purge;

    TriggerResult(boolean fire, boolean purge) {
        this.fire = fire;
        this.purge = purge;
    }

    public boolean isFire() {
        return fire;
    }

    public boolean isPurge() {
        return purge;
    }
}
