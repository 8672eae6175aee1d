package io.sluice.runtime.timer;

import java.io.Serializable;
import java.util.List;

/**
 * The timers of a {@link TimerService}, earliest first, and its watermark: a plain serializable form for
 * checkpoints (keys and namespaces must be serializable by the state serializer).
 */
public record TimerSnapshot(long watermark, List<Timer> eventTimers, List<Timer> processingTimers)
        implements Serializable {

    public TimerSnapshot {
        eventTimers = List.copyOf(eventTimers);
        processingTimers = List.copyOf(processingTimers);
    }
}
