package io.sluice.runtime.task;

import io.sluice.protocol.ChannelSpec;

/** Subtask i feeds subtask i (a forward edge that could not be chained). */
final class ForwardSelector implements ChannelSelector {

    private final int subtask;

    ForwardSelector(int subtask, ChannelSpec channel) {
        if (channel.upstreamParallelism() != channel.downstreamParallelism()) {
            throw new IllegalArgumentException("forward edge " + channel.topic() + " joins parallelism "
                    + channel.upstreamParallelism() + " to " + channel.downstreamParallelism());
        }
        this.subtask = subtask;
    }

    @Override
    public int select(Object record) {
        return subtask;
    }
}
