package io.sluice.worker.io.kafka;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Keeps the first error of asynchronous sends (the producer's I/O thread reports it), so the sending task can fail
 * with it on its own thread.
 */
final class FirstSendError implements Callback {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            first.compareAndSet(null, exception);
        }
    }

    /** @param target what was written to, for the message */
    void throwIfFailed(String target) {
        Exception error = first.get();
        if (error != null) {
            throw new IllegalStateException("sending to " + target + " failed: " + error, error);
        }
    }
}
