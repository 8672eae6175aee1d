package io.sluice.protocol;

import java.util.List;

/**
 * Operators fused into one task: joined by forward edges of equal parallelism.
 *
 * @param id the chain id: the id of its head vertex
 * @param vertexIds vertex ids from head to tail
 * @param parallelism parallelism shared by all of them
 */
public record ChainSpec(String id, List<String> vertexIds, int parallelism) {
    public ChainSpec {
        vertexIds = List.copyOf(vertexIds);
    }

    public String head() {
        return vertexIds.get(0);
    }

    public String tail() {
        return vertexIds.get(vertexIds.size() - 1);
    }
}
