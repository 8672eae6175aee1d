package io.sluice.runtime.window;

import io.sluice.api.state.StateDescriptor;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.timer.TimerService;
import java.time.Clock;

/** A trigger's view of the current key and window: its timers (namespace = window) and its state. */
final class WindowTriggerContext implements Trigger.Context {

    private final KeyedStateBackend backend;
    private final TimerService timers;
    private final Clock clock;
    private Window window;

    WindowTriggerContext(KeyedStateBackend backend, TimerService timers, Clock clock) {
        this.backend = backend;
        this.timers = timers;
        this.clock = clock;
    }

    /** Points the context at {@code window} of the current key. */
    WindowTriggerContext at(Window window) {
        this.window = window;
        return this;
    }

    @Override
    public long currentWatermark() {
        return timers.currentWatermark();
    }

    @Override
    public long currentProcessingTime() {
        return clock.millis();
    }

    @Override
    public void registerEventTimeTimer(long time) {
        timers.registerEventTimeTimer(window, time);
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
        timers.registerProcessingTimeTimer(window, time);
    }

    @Override
    public void deleteEventTimeTimer(long time) {
        timers.deleteEventTimeTimer(window, time);
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
        timers.deleteProcessingTimeTimer(window, time);
    }

    @Override
    public <S> S state(StateDescriptor<S> descriptor) {
        return state(descriptor, window);
    }

    @Override
    public <S> S state(StateDescriptor<S> descriptor, Window other) {
        backend.setCurrentNamespace(other);
        return backend.state(descriptor);
    }
}
