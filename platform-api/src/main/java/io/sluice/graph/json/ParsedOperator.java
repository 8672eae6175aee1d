package io.sluice.graph.json;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import java.util.List;

/**
 * One operator of a spec as read, before its edges exist.
 *
 * @param path JSON path of the operator object
 * @param vertex the vertex (with stand-in values where the spec was wrong; such a graph is never returned)
 * @param inputs the ids it reads from
 * @param inputsArray whether they were given as {@code inputs} (else {@code input})
 * @param partitioning explicit {@code partitioning}, or null
 * @param keyed whether {@code key-by} is set
 * @param keyBy the key expression; null if absent or invalid
 * @param inputKeys for two-input operators, the key expression of each input in order; else null
 */
record ParsedOperator(
        String path,
        VertexSpec vertex,
        List<InputRef> inputs,
        boolean inputsArray,
        Partitioning partitioning,
        boolean keyed,
        FunctionSpec.Expression keyBy,
        List<FunctionSpec.Expression> inputKeys) {

    /** A reference to an upstream operator id, with the JSON path where it was written. */
    record InputRef(String id, String path) {}
}
