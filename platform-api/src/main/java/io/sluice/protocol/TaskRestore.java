package io.sluice.protocol;

/**
 * A task resumes from its snapshot of a completed checkpoint.
 *
 * @param location where the task's snapshot lives, as the task acknowledged it ({@link TaskSnapshot#location()})
 */
public record TaskRestore(TaskId task, long checkpointId, String location) {}
