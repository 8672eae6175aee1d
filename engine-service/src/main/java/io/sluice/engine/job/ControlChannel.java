package io.sluice.engine.job;

import io.sluice.protocol.ControlMessage;

/**
 * Sends commands to workers (Kafka topic {@code sluice.control} in production, a recording fake in tests).
 * Called from the job manager's thread: implementations must not block for long and report failures by logging.
 */
@FunctionalInterface
public interface ControlChannel {
    void send(ControlMessage.ToWorker message);
}
