package io.sluice.worker.io.kafka;

import io.sluice.protocol.TaskId;
import io.sluice.runtime.io.TaskIo;
import io.sluice.worker.task.TaskIoFactory;

/** Gives each task its {@link KafkaTaskIo} on the worker's clients. */
public final class KafkaTaskIoFactory implements TaskIoFactory {

    private final KafkaClients clients;

    public KafkaTaskIoFactory(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public TaskIo create(TaskId task, int attempt, ClassLoader userClassLoader) {
        return new KafkaTaskIo(clients, task, attempt, userClassLoader);
    }
}
