package io.sluice.runtime.task;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Commands for a task from other threads (the worker's control listener), run by the task thread between records
 * or batches, so operators and state never see a second thread. Thread-safe.
 */
final class TaskMailbox {

    private final Queue<TaskCommand> commands = new ConcurrentLinkedQueue<>();

    void put(TaskCommand command) {
        commands.add(command);
    }

    /** Task thread: runs every command put so far, in order. */
    void drain(Consumer<TaskCommand> handler) {
        TaskCommand command;
        while ((command = commands.poll()) != null) {
            handler.accept(command);
        }
    }
}
