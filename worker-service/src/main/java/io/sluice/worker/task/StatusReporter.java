package io.sluice.worker.task;

import io.sluice.protocol.ControlMessage;

/** Sends worker → engine messages. Must be thread-safe and must not block for long. */
@FunctionalInterface
public interface StatusReporter {

    void report(ControlMessage.ToEngine message);
}
