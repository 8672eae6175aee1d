package io.sluice.graph;

import io.sluice.graph.json.SpecError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structural rules every job graph must satisfy, whether built by the fluent API or parsed from JSON: unique
 * well-formed ids, parallelism within bounds, edges between existing vertices, sources without inputs and other
 * operators with at least one, keyed operators fed by hash edges, hash edges with a key, forward edges between
 * equal parallelism, and no cycles.
 */
public final class JobGraphValidator {

    /** Largest allowed max-parallelism (number of key groups). */
    public static final int MAX_MAX_PARALLELISM = 32768;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** What an error is about; a {@link Locator} turns it into a path in the caller's terms. */
    public enum Field {
        JOB_PARALLELISM,
        MAX_PARALLELISM,
        VERTICES,
        VERTEX_ID,
        VERTEX_UID,
        VERTEX_PARALLELISM,
        VERTEX_INPUTS,
        EDGE_SOURCE,
        EDGE_TARGET,
        EDGE_PARTITIONING,
        EDGE_KEY
    }

    /** Names the place of an error. {@code index} is the vertex or edge index; unused for job fields. */
    @FunctionalInterface
    public interface Locator {
        String path(Field field, int index);
    }

    private final JobGraph graph;
    private final Locator locator;
    private final List<SpecError> errors = new ArrayList<>();
    /** Vertex index of each id that is used once. */
    private final Map<String, Integer> indexById = new HashMap<>();
    /** Ids used more than once: reported once; edges touching them are ambiguous and not checked further. */
    private final Set<String> duplicated = new HashSet<>();

    private JobGraphValidator(JobGraph graph, Locator locator) {
        this.graph = graph;
        this.locator = locator;
    }

    /** Validates with paths like {@code vertex[words].parallelism} and {@code edge[lines->words].partitioning}. */
    public static List<SpecError> validate(JobGraph graph) {
        return validate(graph, defaultLocator(graph));
    }

    /** Validates with paths chosen by {@code locator}, e.g. the JSON paths of the spec the graph came from. */
    public static List<SpecError> validate(JobGraph graph, Locator locator) {
        JobGraphValidator validator = new JobGraphValidator(graph, locator);
        validator.checkConfig();
        validator.checkVertices();
        validator.checkEdges();
        validator.checkInputs();
        validator.checkCycles();
        return List.copyOf(validator.errors);
    }

    private void checkConfig() {
        int max = graph.config().maxParallelism();
        if (max < 1 || max > MAX_MAX_PARALLELISM) {
            error(Field.MAX_PARALLELISM, 0, "must be between 1 and " + MAX_MAX_PARALLELISM + ", got " + max);
        }
        int parallelism = graph.config().parallelism();
        if (!parallelismInRange(parallelism)) {
            error(Field.JOB_PARALLELISM, 0, parallelismReason(parallelism));
        }
        if (graph.vertices().isEmpty()) {
            error(Field.VERTICES, 0, "a job needs at least one operator");
        }
    }

    private void checkVertices() {
        List<VertexSpec> vertices = graph.vertices();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) {
            VertexSpec vertex = vertices.get(i);
            String id = vertex.id();
            checkUid(vertex, i);
            Integer first = id == null ? null : firstIndex.putIfAbsent(id, i);
            if (first != null) {
                duplicated.add(id);
                error(Field.VERTEX_ID, i, "duplicate id '" + id + "' (also at "
                        + locator.path(Field.VERTEX_ID, first) + ")");
            }
            if (id == null || !ID.matcher(id).matches()) {
                error(Field.VERTEX_ID, i, "must match " + ID.pattern() + ", got '" + id + "'");
            }
            int parallelism = vertex.parallelism();
            // A vertex that inherits an invalid job parallelism is already covered by the job-level error.
            boolean inheritsInvalid = parallelism == graph.config().parallelism()
                    && !parallelismInRange(graph.config().parallelism());
            if (!parallelismInRange(parallelism) && !inheritsInvalid) {
                error(Field.VERTEX_PARALLELISM, i, parallelismReason(parallelism));
            }
        }
        // Malformed ids still resolve, so edges to them do not add "unknown id" errors.
        firstIndex.forEach((id, index) -> {
            if (!duplicated.contains(id)) {
                indexById.put(id, index);
            }
        });
    }

    /**
     * Uids name state files and match operators to savepoint state: well-formed, and unique among all uids (a
     * vertex without one has its id as uid). A duplicate is reported at the vertex that sets it explicitly.
     */
    private void checkUid(VertexSpec vertex, int index) {
        String uid = vertex.uid();
        if (uid == null || uid.equals(vertex.id())) {
            return;
        }
        if (!ID.matcher(uid).matches()) {
            error(Field.VERTEX_UID, index, "must match " + ID.pattern() + ", got '" + uid + "'");
        }
        List<VertexSpec> vertices = graph.vertices();
        for (int other = 0; other < vertices.size(); other++) {
            if (other != index && uid.equals(vertices.get(other).uid())
                    && (other < index || uid.equals(vertices.get(other).id()))) {
                error(Field.VERTEX_UID, index, "duplicate uid '" + uid + "' (also the uid of "
                        + locator.path(Field.VERTEX_ID, other) + ")");
                return;
            }
        }
    }

    private void checkEdges() {
        List<EdgeSpec> edges = graph.edges();
        for (int i = 0; i < edges.size(); i++) {
            EdgeSpec edge = edges.get(i);
            // A duplicated id resolves to null as well: it is no unknown id, and checks needing the vertex skip it.
            VertexSpec source = resolve(edge.source());
            VertexSpec target = resolve(edge.target());
            if (source == null && !duplicated.contains(edge.source())) {
                error(Field.EDGE_SOURCE, i, "unknown operator id '" + edge.source() + "'");
            }
            if (target == null && !duplicated.contains(edge.target())) {
                error(Field.EDGE_TARGET, i, "unknown operator id '" + edge.target() + "'");
            }
            if (edge.partitioning() == null) {
                error(Field.EDGE_PARTITIONING, i, "is required");
            } else if (edge.partitioning() == Partitioning.HASH && edge.key() == null) {
                error(Field.EDGE_KEY, i, "is required for hash partitioning");
            } else if (edge.partitioning() != Partitioning.HASH && target != null && target.operator() != null
                    && target.operator().isKeyed()) {
                error(Field.EDGE_KEY, i, "is required: a keyed operator (" + OperatorTypes.typeName(target.operator())
                        + ") needs a hash-partitioned input");
            }
            if (edge.partitioning() == Partitioning.FORWARD && source != null && target != null
                    && source.parallelism() != target.parallelism()) {
                error(Field.EDGE_PARTITIONING, i, "forward needs equal parallelism, but '" + source.id() + "' has "
                        + source.parallelism() + " and '" + target.id() + "' has " + target.parallelism());
            }
        }
    }

    private void checkInputs() {
        List<VertexSpec> vertices = graph.vertices();
        for (int i = 0; i < vertices.size(); i++) {
            VertexSpec vertex = vertices.get(i);
            if (vertex.operator() == null || duplicated.contains(vertex.id())) {
                continue;
            }
            String id = vertex.id();
            boolean hasInputs = graph.edges().stream().anyMatch(e -> Objects.equals(e.target(), id));
            String type = OperatorTypes.typeName(vertex.operator());
            if (vertex.operator().isSource() && hasInputs) {
                error(Field.VERTEX_INPUTS, i, "a source (" + type + ") takes no input");
            } else if (!vertex.operator().isSource() && !hasInputs) {
                error(Field.VERTEX_INPUTS, i, "is required: a " + type + " operator needs at least one input");
            }
        }
    }

    private void checkCycles() {
        List<List<Integer>> cycles = new Cycles(graph, indexById).find();
        if (cycles.isEmpty()) {
            return;
        }
        List<String> described = cycles.stream()
                .map(cycle -> cycle.stream().map(i -> graph.vertices().get(i).id()).toList().toString())
                .toList();
        error(Field.VERTICES, 0,
                "the graph must be acyclic; these operators form a cycle: " + String.join(", ", described));
    }

    private VertexSpec resolve(String id) {
        Integer index = indexById.get(id);
        return index == null ? null : graph.vertices().get(index);
    }

    private boolean parallelismInRange(int parallelism) {
        return parallelism >= 1 && parallelism <= upperParallelism();
    }

    private String parallelismReason(int parallelism) {
        return "must be between 1 and " + upperParallelism() + " (max-parallelism), got " + parallelism;
    }

    /** With an invalid max-parallelism (reported on its own) vertices are checked against the absolute bound. */
    private int upperParallelism() {
        int max = graph.config().maxParallelism();
        return max >= 1 && max <= MAX_MAX_PARALLELISM ? max : MAX_MAX_PARALLELISM;
    }

    private void error(Field field, int index, String reason) {
        errors.add(new SpecError(locator.path(field, index), reason));
    }

    private static Locator defaultLocator(JobGraph graph) {
        return (field, index) -> switch (field) {
            case JOB_PARALLELISM -> "job.parallelism";
            case MAX_PARALLELISM -> "job.maxParallelism";
            case VERTICES -> "job.vertices";
            case VERTEX_ID -> vertexName(graph, index) + ".id";
            case VERTEX_UID -> vertexName(graph, index) + ".uid";
            case VERTEX_PARALLELISM -> vertexName(graph, index) + ".parallelism";
            case VERTEX_INPUTS -> vertexName(graph, index) + ".inputs";
            case EDGE_SOURCE -> edgeName(graph, index) + ".source";
            case EDGE_TARGET -> edgeName(graph, index) + ".target";
            case EDGE_PARTITIONING -> edgeName(graph, index) + ".partitioning";
            case EDGE_KEY -> edgeName(graph, index) + ".key";
        };
    }

    private static String vertexName(JobGraph graph, int index) {
        String id = graph.vertices().get(index).id();
        return "vertex[" + (id == null ? "#" + index : id) + "]";
    }

    private static String edgeName(JobGraph graph, int index) {
        EdgeSpec edge = graph.edges().get(index);
        return "edge[" + edge.source() + "->" + edge.target() + "]";
    }
}
