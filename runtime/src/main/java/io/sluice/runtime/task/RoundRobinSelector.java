package io.sluice.runtime.task;

/** Rebalance: round robin, each upstream subtask starting at its own index so load spreads from the start. */
final class RoundRobinSelector implements ChannelSelector {

    private final int downstreamParallelism;
    private int next;

    RoundRobinSelector(int subtask, int downstreamParallelism) {
        this.downstreamParallelism = downstreamParallelism;
        this.next = subtask % downstreamParallelism;
    }

    @Override
    public int select(Object record) {
        int selected = next;
        next = (next + 1) % downstreamParallelism;
        return selected;
    }
}
