package io.sluice.graph.json;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.graph.OperatorSpec.DeliveryGuarantee;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.OperatorSpec.RecordFormat;
import io.sluice.graph.OperatorSpec.StartFrom;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.json.ParsedOperator.InputRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads one operator object of a JSON spec: the fields every operator has, then one method per operator type. */
final class OperatorReader {

    private final Map<String, Function<SpecReader, OperatorSpec>> types = new LinkedHashMap<>();
    private final int jobParallelism;

    OperatorReader(int jobParallelism) {
        this.jobParallelism = jobParallelism;
        types.put("generator", this::generator);
        types.put("kafka-source", this::kafkaSource);
        types.put("map", this::map);
        types.put("filter", this::filter);
        types.put("flat-map", this::flatMap);
        types.put("reduce", this::reduce);
        types.put("sum", r -> aggregate(r, AggregateKind.SUM));
        types.put("min", r -> aggregate(r, AggregateKind.MIN));
        types.put("max", r -> aggregate(r, AggregateKind.MAX));
        types.put("min-by", r -> aggregate(r, AggregateKind.MIN_BY));
        types.put("max-by", r -> aggregate(r, AggregateKind.MAX_BY));
        types.put("count", this::count);
        types.put("watermarks", this::watermarks);
        types.put("window", WindowReader::read);
        types.put("file-source", this::fileSource);
        types.put("union", r -> new OperatorSpec.Union());
        types.put("window-join", JoinReader::windowJoin);
        types.put("interval-join", JoinReader::intervalJoin);
        types.put("kafka-sink", this::kafkaSink);
        types.put("print", this::print);
    }

    /**
     * The operator, followed by a watermark vertex {@code <id>-watermarks} when it has a nested {@code watermarks}
     * object (the parser routes the operator's consumers through it).
     */
    List<ParsedOperator> readAll(SpecReader op) {
        Optional<SpecReader> nested = op.object("watermarks");
        ParsedOperator operator = read(op);
        if (nested.isEmpty()) {
            return List.of(operator);
        }
        SpecReader w = nested.get();
        OperatorSpec spec = watermarks(w);
        w.rejectUnknownFields();
        VertexSpec vertex = operator.vertex();
        VertexSpec watermarks = new VertexSpec(watermarkVertexId(vertex.id()), vertex.name() + " watermarks",
                vertex.parallelism(), spec, watermarkVertexId(vertex.uid()));
        return List.of(operator, new ParsedOperator(w.path(), watermarks,
                List.of(new InputRef(vertex.id(), w.path())), false, Partitioning.FORWARD, false, null, null));
    }

    /** The id of the vertex a nested {@code watermarks} object adds after operator {@code id}. */
    static String watermarkVertexId(String id) {
        return id + "-watermarks";
    }

    private ParsedOperator read(SpecReader op) {
        String id = op.requiredString("id");
        String name = op.string("name", id);
        String uid = op.string("uid", null);
        String type = op.requiredString("type");
        int parallelism = op.integer("parallelism", jobParallelism);
        boolean inputsArray = op.has("inputs") && !op.has("input");
        List<InputRef> inputs = inputs(op);

        Function<SpecReader, OperatorSpec> typeReader = type == null ? null : types.get(type);
        if (type != null && typeReader == null) {
            op.error("type", "unknown operator type '" + type + "'; expected one of: "
                    + String.join(", ", types.keySet()));
        }
        OperatorSpec operator = typeReader == null ? standIn(inputs) : typeReader.apply(op);

        Partitioning partitioning = null;
        boolean keyed = false;
        FunctionSpec.Expression keyBy = null;
        List<FunctionSpec.Expression> inputKeys = null;
        // Routing belongs to the consuming side; on a known source the fields are unknown (and reported as such).
        if (typeReader == null || !operator.isSource()) {
            partitioning = op.enumValue("partitioning", Partitioning.class, null);
            keyed = op.has("key-by");
            if (operator.isTwoInput()) {
                inputKeys = inputKeys(op, inputs);
            } else {
                keyBy = op.expression("key-by", false);
            }
            if (keyed && partitioning != null && partitioning != Partitioning.HASH) {
                op.error("partitioning", "must be hash (or left out) when key-by is set");
            }
        }
        // With an unknown type we cannot tell which fields belong; the type error says enough.
        if (typeReader != null) {
            op.rejectUnknownFields();
        }
        // A missing id gets a stand-in that no valid id can equal; the id error is already recorded.
        String vertexId = id != null ? id : op.path();
        return new ParsedOperator(op.path(), new VertexSpec(vertexId, name, parallelism, operator, uid), inputs,
                inputsArray, partitioning, keyed, keyBy, inputKeys);
    }

    /** A two-input operator's {@code inputs} [first, second] and {@code key-by} [first key, second key]. */
    private static List<FunctionSpec.Expression> inputKeys(SpecReader op, List<InputRef> inputs) {
        if (inputs.size() != 2) {
            op.error("inputs", "must name exactly two operators: the first and the second input");
        }
        List<SpecReader.Element> keys = op.array("key-by");
        if (keys.size() != 2) {
            op.error("key-by", "must be an array of two key expressions: one per input");
            return null;
        }
        List<FunctionSpec.Expression> expressions = new ArrayList<>();
        for (SpecReader.Element key : keys) {
            if (!key.node().isString() || key.node().stringValue().isBlank()) {
                op.errorAt(key.path(), "must be a key expression, got " + SpecReader.typeOf(key.node()));
                return null;
            }
            expressions.add(new FunctionSpec.Expression(key.node().stringValue()));
        }
        return expressions;
    }

    private List<InputRef> inputs(SpecReader op) {
        List<InputRef> inputs = new ArrayList<>();
        if (op.has("input") && op.has("inputs")) {
            op.error("inputs", "set either 'input' or 'inputs', not both");
        }
        if (op.has("input")) {
            String id = op.string("input", null);
            if (id != null) {
                inputs.add(new InputRef(id, op.path("input")));
            }
        } else {
            for (SpecReader.Element element : op.array("inputs")) {
                if (element.node().isString() && !element.node().stringValue().isBlank()) {
                    inputs.add(new InputRef(element.node().stringValue(), element.path()));
                } else {
                    op.errorAt(element.path(), "must be an operator id, got " + SpecReader.typeOf(element.node()));
                }
            }
        }
        return inputs;
    }

    /**
     * Stands in for an operator whose type is missing or unknown, so the structural checks of its neighbours still
     * run without extra errors: a source when it has no inputs, else a map.
     */
    private static OperatorSpec standIn(List<InputRef> inputs) {
        return inputs.isEmpty()
                ? new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, 0, 0, 0, null)
                : new OperatorSpec.Map(null);
    }

    /** {@code "rate"} of a source: records per second over all subtasks, 0 (the default) for unlimited. */
    private static double rate(SpecReader r) {
        double rate = r.number("rate", 0);
        if (rate < 0) {
            r.error("rate", "must be >= 0 (0 = unlimited), got " + rate);
        }
        return Math.max(0, rate);
    }

    private OperatorSpec generator(SpecReader r) {
        GeneratorKind kind = r.requiredEnum("kind", GeneratorKind.class);
        long count = r.longInteger("count", -1);
        double rate = rate(r);
        long seed = r.longInteger("seed", 0);
        String field = r.string("field", kind == GeneratorKind.TEXT_LINES ? "line" : "value");
        return new OperatorSpec.GeneratorSource(kind, count, rate, seed, field);
    }

    private OperatorSpec kafkaSource(SpecReader r) {
        return new OperatorSpec.KafkaSource(
                r.requiredString("topic"),
                r.string("bootstrap-servers", null),
                r.enumValue("start-from", StartFrom.class, StartFrom.EARLIEST),
                r.bool("bounded", false),
                r.enumValue("format", RecordFormat.class, RecordFormat.JSON),
                rate(r));
    }

    private OperatorSpec map(SpecReader r) {
        return new OperatorSpec.Map(fieldsOrExpression(r));
    }

    private OperatorSpec filter(SpecReader r) {
        return new OperatorSpec.Filter(r.expression("condition", true));
    }

    private OperatorSpec flatMap(SpecReader r) {
        return new OperatorSpec.FlatMap(r.expression("expression", true), r.string("field", "value"));
    }

    private OperatorSpec reduce(SpecReader r) {
        return new OperatorSpec.Reduce(fieldsOrExpression(r));
    }

    private OperatorSpec aggregate(SpecReader r, AggregateKind kind) {
        return new OperatorSpec.Aggregate(kind, r.requiredString("field"), null);
    }

    private OperatorSpec count(SpecReader r) {
        return new OperatorSpec.Aggregate(AggregateKind.COUNT, null, r.string("output-field", "count"));
    }

    /** {@code timestamp} (expression; default: the record's), {@code out-of-orderness}, {@code idleness}, {@code interval}. */
    private OperatorSpec watermarks(SpecReader r) {
        long interval = r.durationMillis("interval", 200);
        if (interval == 0) {
            r.error("interval", "must be positive");
        }
        return new OperatorSpec.Watermarks(r.expression("timestamp", false), r.durationMillis("out-of-orderness", 0),
                r.durationMillis("idleness", 0), Math.max(1, interval));
    }

    /** A bounded file: {@code path} (must be readable here), {@code format} csv|json|string, {@code columns} for CSV. */
    private OperatorSpec fileSource(SpecReader r) {
        String path = r.requiredString("path");
        if (path != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(path))) {
            r.error("path", "cannot read file '" + path + "': it does not exist or is not readable");
        }
        OperatorSpec.FileFormat format = r.enumValue("format", OperatorSpec.FileFormat.class,
                OperatorSpec.FileFormat.STRING);
        List<String> columns = new ArrayList<>();
        for (SpecReader.Element column : r.array("columns")) {
            if (column.node().isString() && !column.node().stringValue().isBlank()) {
                columns.add(column.node().stringValue());
            } else {
                r.errorAt(column.path(), "must be a field name, got " + SpecReader.typeOf(column.node()));
            }
        }
        if (format == OperatorSpec.FileFormat.CSV && columns.isEmpty()) {
            r.error("columns", "is required for csv: the field names in column order");
        }
        return new OperatorSpec.FileSource(path == null ? "" : path, format, columns);
    }

    private OperatorSpec kafkaSink(SpecReader r) {
        return new OperatorSpec.KafkaSink(
                r.requiredString("topic"),
                r.string("bootstrap-servers", null),
                r.expression("key", false),
                r.enumValue("format", RecordFormat.class, RecordFormat.JSON),
                r.enumValue("guarantee", DeliveryGuarantee.class, DeliveryGuarantee.AT_LEAST_ONCE));
    }

    private OperatorSpec print(SpecReader r) {
        return new OperatorSpec.PrintSink(r.string("prefix", null));
    }

    /** Exactly one of {@code fields} (a projection) or {@code expression}; both are read so all errors show. */
    static FunctionSpec fieldsOrExpression(SpecReader r) {
        boolean hasFields = r.has("fields");
        boolean hasExpression = r.has("expression");
        FunctionSpec.Projection projection = r.projection("fields");
        FunctionSpec.Expression expression = r.expression("expression", false);
        if (hasFields && hasExpression) {
            r.error("fields", "set either 'fields' or 'expression', not both");
        } else if (!hasFields && !hasExpression) {
            r.error("expression", "is required (or 'fields')");
        }
        return projection != null ? projection : expression;
    }
}
