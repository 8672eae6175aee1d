package io.sluice.graph.json;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expressions must read fields their input has, where the input's fields are known at submission: after a
 * generator with a field, a kafka-source or file-source of strings ({@code value}), a CSV file-source (its columns),
 * a projection ({@code fields}), and through filters, watermarks and unions (the union of their inputs). Elsewhere (JSON sources, expressions that build
 * arbitrary results, windows, joins, Java functions) the fields are unknown and nothing is checked.
 */
final class FieldReferenceCheck implements SpecCheck {

    private final ExpressionChecker checker;

    FieldReferenceCheck(ExpressionChecker checker) {
        this.checker = checker;
    }

    @Override
    public List<SpecError> check(JobGraph graph, Map<String, String> paths) {
        Fields fields = new Fields(graph);
        List<SpecError> errors = new ArrayList<>();
        for (VertexSpec vertex : graph.vertices()) {
            String path = paths.get(vertex.id());
            Optional<Set<String>> input = fields.input(vertex);
            input.ifPresent(known -> checkOperator(vertex.operator(), path, known, errors));
            for (EdgeSpec edge : graph.edges()) {
                if (edge.target().equals(vertex.id()) && edge.key() != null && !vertex.operator().isTwoInput()) {
                    fields.output(edge.source()).ifPresent(known -> check(edge.key(), path, "key-by", known, errors));
                }
            }
        }
        return errors;
    }

    private void checkOperator(OperatorSpec operator, String path, Set<String> known, List<SpecError> errors) {
        if (operator instanceof OperatorSpec.Map map) {
            check(map.function(), path, "expression", known, errors);
        } else if (operator instanceof OperatorSpec.Reduce reduce) {
            check(reduce.function(), path, "expression", known, errors);
        } else if (operator instanceof OperatorSpec.Filter filter) {
            check(filter.predicate(), path, "condition", known, errors);
        } else if (operator instanceof OperatorSpec.FlatMap flatMap) {
            check(flatMap.function(), path, "expression", known, errors);
        } else if (operator instanceof OperatorSpec.Watermarks watermarks) {
            check(watermarks.timestamp(), path, "timestamp", known, errors);
        } else if (operator instanceof OperatorSpec.KafkaSink sink) {
            check(sink.key(), path, "key", known, errors);
        } else if (operator instanceof OperatorSpec.Aggregate aggregate
                && aggregate.field() != null && !known.contains(aggregate.field())) {
            errors.add(unknown(path + ".field", aggregate.field(), known));
        }
    }

    /** A projection's fields each at {@code <operator>.fields.<name>}; an expression at {@code <operator>.<key>}. */
    private void check(FunctionSpec function, String operatorPath, String key, Set<String> known,
            List<SpecError> errors) {
        if (function instanceof FunctionSpec.Projection projection) {
            projection.fields().forEach((name, source) ->
                    check(source, operatorPath + ".fields." + name, known, errors));
        } else if (function instanceof FunctionSpec.Expression expression) {
            check(expression.source(), operatorPath + "." + key, known, errors);
        }
    }

    private void check(String source, String path, Set<String> known, List<SpecError> errors) {
        checker.fieldsRead(source).ifPresent(read -> read.stream()
                .filter(field -> !known.contains(field))
                .findFirst()
                .ifPresent(field -> errors.add(unknown(path, field, known))));
    }

    private static SpecError unknown(String path, String field, Set<String> known) {
        return new SpecError(path, "unknown field '" + field + "'; the input's fields are: " + String.join(", ", known));
    }

    /** The fields of each vertex's output records, where known. */
    private static final class Fields {
        private final JobGraph graph;
        private final Map<String, Optional<Set<String>>> outputs = new HashMap<>();

        Fields(JobGraph graph) {
            this.graph = graph;
        }

        /** The fields of the records a vertex reads: known when every (main) input is known; their union. */
        Optional<Set<String>> input(VertexSpec vertex) {
            Set<String> fields = new LinkedHashSet<>();
            boolean any = false;
            for (EdgeSpec edge : graph.edges()) {
                if (edge.target().equals(vertex.id())) {
                    Optional<Set<String>> upstream =
                            edge.sideOutput() == null ? output(edge.source()) : Optional.empty();
                    if (upstream.isEmpty()) {
                        return Optional.empty();
                    }
                    fields.addAll(upstream.get());
                    any = true;
                }
            }
            return any ? Optional.of(fields) : Optional.empty();
        }

        /** Memoized; the graph is valid, so acyclic. */
        Optional<Set<String>> output(String vertexId) {
            Optional<Set<String>> known = outputs.get(vertexId);
            if (known == null) {
                VertexSpec vertex = graph.vertex(vertexId).orElseThrow();
                known = output(vertex);
                outputs.put(vertexId, known);
            }
            return known;
        }

        private Optional<Set<String>> output(VertexSpec vertex) {
            OperatorSpec operator = vertex.operator();
            if (operator instanceof OperatorSpec.GeneratorSource generator) {
                if (generator.kind() == OperatorSpec.GeneratorKind.CARS) {
                    return of("carId", "speed", "distance", "timestamp");
                }
                return generator.field() == null ? Optional.empty() : of(generator.field());
            }
            if (operator instanceof OperatorSpec.KafkaSource source) {
                return source.format() == OperatorSpec.RecordFormat.STRING ? of("value") : Optional.empty();
            }
            if (operator instanceof OperatorSpec.FileSource file) {
                return switch (file.format()) {
                    case CSV -> of(file.columns().toArray(String[]::new));
                    case STRING -> of("value");
                    case JSON -> Optional.empty();
                };
            }
            if (operator instanceof OperatorSpec.Map map && map.function() instanceof FunctionSpec.Projection p) {
                return of(p.fields().keySet().toArray(String[]::new));
            }
            if (operator instanceof OperatorSpec.Filter || operator instanceof OperatorSpec.Watermarks
                    || operator instanceof OperatorSpec.Union) {
                return input(vertex);
            }
            return Optional.empty();
        }

        private static Optional<Set<String>> of(String... fields) {
            return Optional.of(new LinkedHashSet<>(List.of(fields)));
        }
    }
}
