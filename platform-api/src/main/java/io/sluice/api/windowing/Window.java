package io.sluice.api.windowing;

/** A group of elements a window function sees at once: a time interval, or the single global window. */
public sealed interface Window permits TimeWindow, GlobalWindow {

    /** The largest timestamp that still belongs to this window. */
    long maxTimestamp();
}
