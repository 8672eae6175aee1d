package io.sluice.runtime.metrics;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.InputGate;

/**
 * Hands a poll's elements on, and counts the wait before the first one (or the whole poll, if none came) as idle
 * time: a poll blocks until input arrives, then delivers it. One clock read per poll, none per element.
 */
public final class InputWaitTimer implements InputGate.ElementHandler {

    private final InputGate.ElementHandler delegate;
    private final TaskMetricsCollector collector;
    private long pollStart;
    private boolean waiting;

    InputWaitTimer(InputGate.ElementHandler delegate, TaskMetricsCollector collector) {
        this.delegate = delegate;
        this.collector = collector;
    }

    /** Call right before each poll. */
    public void pollStarts() {
        pollStart = System.nanoTime();
        waiting = true;
    }

    /** Call right after each poll. */
    public void pollEnded() {
        stopWaiting();
    }

    @Override
    public void accept(int channel, StreamElement element) throws Exception {
        stopWaiting();
        delegate.accept(channel, element);
    }

    private void stopWaiting() {
        if (waiting) {
            waiting = false;
            collector.idle(System.nanoTime() - pollStart);
        }
    }
}
