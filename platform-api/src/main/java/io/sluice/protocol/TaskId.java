package io.sluice.protocol;

/**
 * One parallel instance of a chain.
 *
 * @param jobId the job
 * @param chainId the id of the chain (its head vertex id)
 * @param subtask subtask index, 0-based
 */
public record TaskId(JobId jobId, String chainId, int subtask) {
    @Override
    public String toString() {
        return jobId + "/" + chainId + "#" + subtask;
    }
}
