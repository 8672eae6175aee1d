package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;

/**
 * What a {@link WindowPreAggregator} sends in place of records: the accumulator of one key's elements in one window,
 * folded before the shuffle. The window operator merges it into the window's contents.
 *
 * @param accumulator an {@code AggregateFunction} accumulator, or for a reduce the reduced value
 */
public record WindowPartial(Object key, Window window, Object accumulator) {}
