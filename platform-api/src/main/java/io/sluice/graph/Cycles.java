package io.sluice.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Finds the cycles of a job graph as its strongly connected components (Tarjan) that contain an edge: each one is a
 * set of vertices that reach each other. Edges with an unknown endpoint are ignored (reported elsewhere).
 */
final class Cycles {

    private final List<List<Integer>> successors = new ArrayList<>();
    private final int[] order;
    private final int[] lowLink;
    private final boolean[] onStack;
    private final Deque<Integer> stack = new ArrayDeque<>();
    private final List<List<Integer>> cycles = new ArrayList<>();
    private int counter;

    Cycles(JobGraph graph, Map<String, Integer> indexById) {
        int n = graph.vertices().size();
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>());
        }
        for (EdgeSpec edge : graph.edges()) {
            Integer from = indexById.get(edge.source());
            Integer to = indexById.get(edge.target());
            if (from != null && to != null) {
                successors.get(from).add(to);
            }
        }
        order = new int[n];
        Arrays.fill(order, -1);
        lowLink = new int[n];
        onStack = new boolean[n];
    }

    /** Each cycle's vertex indices in ascending order; cycles ordered by their smallest index. */
    List<List<Integer>> find() {
        for (int v = 0; v < order.length; v++) {
            if (order[v] < 0) {
                visit(v);
            }
        }
        cycles.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        return cycles;
    }

    private void visit(int v) {
        order[v] = counter;
        lowLink[v] = counter;
        counter++;
        stack.push(v);
        onStack[v] = true;
        for (int w : successors.get(v)) {
            if (order[w] < 0) {
                visit(w);
                lowLink[v] = Math.min(lowLink[v], lowLink[w]);
            } else if (onStack[w]) {
                lowLink[v] = Math.min(lowLink[v], order[w]);
            }
        }
        if (lowLink[v] == order[v]) {
            List<Integer> component = new ArrayList<>();
            int w;
            do {
                w = stack.pop();
                onStack[w] = false;
                component.add(w);
            } while (w != v);
            if (component.size() > 1 || successors.get(v).contains(v)) {
                component.sort(null);
                cycles.add(component);
            }
        }
    }
}
