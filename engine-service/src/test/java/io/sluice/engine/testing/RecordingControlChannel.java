package io.sluice.engine.testing;

import io.sluice.engine.job.ControlChannel;
import io.sluice.protocol.ControlMessage;
import java.util.ArrayList;
import java.util.List;

/** Keeps every message sent to workers. Thread-safe, so web tests can read it from the test thread. */
public final class RecordingControlChannel implements ControlChannel {

    private final List<ControlMessage.ToWorker> sent = new ArrayList<>();

    @Override
    public synchronized void send(ControlMessage.ToWorker message) {
        sent.add(message);
    }

    public synchronized List<ControlMessage.ToWorker> sent() {
        return List.copyOf(sent);
    }

    public synchronized <T extends ControlMessage.ToWorker> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        sent.clear();
    }
}
