package io.sluice.graph.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.graph.OperatorSpec.DeliveryGuarantee;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.OperatorSpec.RecordFormat;
import io.sluice.graph.OperatorSpec.StartFrom;
import io.sluice.graph.Partitioning;
import io.sluice.graph.RestartStrategyConfig;
import io.sluice.graph.VertexSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSpecParserTest {

    /** Accepts everything except expressions containing "BAD". */
    private static final ExpressionChecker CHECKER =
            expression -> expression.contains("BAD") ? Optional.of("unexpected token") : Optional.empty();

    private static final String WORDCOUNT = """
            {
              "name": "wordcount",
              "parallelism": 2,
              "max-parallelism": 128,
              "operators": [
                {"id": "lines", "type": "generator", "kind": "text-lines", "count": 100000, "rate": 0, "seed": 42, "parallelism": 1},
                {"id": "words", "type": "flat-map", "input": "lines", "expression": "#split(#lower(line), '[^a-z]+')", "field": "word"},
                {"id": "counts", "type": "count", "input": "words", "key-by": "word"},
                {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "wordcount-output", "key": "word"}
              ]
            }
            """;

    @Test
    void parsesTheWordCountSpec() {
        JobGraph graph = JobSpecParser.parse(WORDCOUNT, CHECKER);

        JobGraph expected = new JobGraph("wordcount",
                List.of(
                        new VertexSpec("lines", "lines", 1,
                                new OperatorSpec.GeneratorSource(GeneratorKind.TEXT_LINES, 100_000, 0.0, 42, "line")),
                        new VertexSpec("words", "words", 2, new OperatorSpec.FlatMap(
                                new FunctionSpec.Expression("#split(#lower(line), '[^a-z]+')"), "word")),
                        new VertexSpec("counts", "counts", 2,
                                new OperatorSpec.Aggregate(AggregateKind.COUNT, null, "count")),
                        new VertexSpec("out", "out", 2, new OperatorSpec.KafkaSink("wordcount-output", null,
                                new FunctionSpec.Expression("word"), RecordFormat.JSON,
                                DeliveryGuarantee.AT_LEAST_ONCE))),
                List.of(
                        new EdgeSpec("lines", "words", Partitioning.REBALANCE, null),
                        new EdgeSpec("words", "counts", Partitioning.HASH, new FunctionSpec.Expression("word")),
                        new EdgeSpec("counts", "out", Partitioning.FORWARD, null)),
                new JobConfig(2, 128));
        assertThat(graph).isEqualTo(expected);
    }

    @Test
    void appliesDefaults() {
        JobGraph graph = parse("""
                {"name": "defaults", "operators": [
                  {"id": "seq", "type": "generator", "kind": "sequence"},
                  {"id": "text", "type": "generator", "kind": "text-lines"},
                  {"id": "in", "type": "kafka-source", "topic": "t-in"},
                  {"id": "split", "type": "flat-map", "inputs": ["seq", "text", "in"], "expression": "x"},
                  {"id": "counted", "type": "count", "input": "split", "key-by": "value"},
                  {"id": "out", "type": "kafka-sink", "input": "counted", "topic": "t-out"},
                  {"id": "show", "type": "print", "input": "counted"}
                ]}
                """);

        assertThat(graph.config()).isEqualTo(new JobConfig(1, 128));
        assertThat(graph.vertices()).extracting(VertexSpec::parallelism).containsOnly(1);
        assertThat(graph.vertex("seq").orElseThrow().name()).isEqualTo("seq");
        assertThat(operator(graph, "seq"))
                .isEqualTo(new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, -1, 0.0, 0, "value"));
        assertThat(operator(graph, "text"))
                .isEqualTo(new OperatorSpec.GeneratorSource(GeneratorKind.TEXT_LINES, -1, 0.0, 0, "line"));
        assertThat(operator(graph, "in"))
                .isEqualTo(new OperatorSpec.KafkaSource("t-in", null, StartFrom.EARLIEST, false, RecordFormat.JSON));
        assertThat(operator(graph, "split"))
                .isEqualTo(new OperatorSpec.FlatMap(new FunctionSpec.Expression("x"), "value"));
        assertThat(operator(graph, "counted"))
                .isEqualTo(new OperatorSpec.Aggregate(AggregateKind.COUNT, null, "count"));
        assertThat(operator(graph, "out")).isEqualTo(new OperatorSpec.KafkaSink(
                "t-out", null, null, RecordFormat.JSON, DeliveryGuarantee.AT_LEAST_ONCE));
        assertThat(operator(graph, "show")).isEqualTo(new OperatorSpec.PrintSink(null));
        assertThat(graph.inputsOf("split")).containsExactly(
                EdgeSpec.forward("seq", "split"), EdgeSpec.forward("text", "split"), EdgeSpec.forward("in", "split"));
    }

    @Test
    void mapsEveryOperatorTypeAndItsOptions() {
        JobGraph graph = parse("""
                {"name": "all", "parallelism": 3, "max-parallelism": 16, "operators": [
                  {"id": "src", "name": "Source", "type": "kafka-source", "topic": "in", "bootstrap-servers": "b:9092",
                   "start-from": "latest", "bounded": true, "format": "string", "rate": 300, "parallelism": 2},
                  {"id": "gen", "type": "generator", "kind": "sequence", "count": 10, "rate": 2.5, "seed": 7, "field": "n"},
                  {"id": "proj", "type": "map", "input": "src", "fields": {"word": "value", "len": "value.length()"}},
                  {"id": "expr", "type": "map", "input": "proj", "expression": "word", "partitioning": "rebalance"},
                  {"id": "keep", "type": "filter", "input": "gen", "condition": "n > 3", "partitioning": "broadcast"},
                  {"id": "red", "type": "reduce", "input": "proj", "key-by": "word", "partitioning": "hash",
                   "fields": {"len": "#acc.len + len"}},
                  {"id": "red2", "type": "reduce", "input": "proj", "key-by": "word", "expression": "#acc"},
                  {"id": "s", "type": "sum", "input": "keep", "key-by": "n", "field": "n"},
                  {"id": "mi", "type": "min", "input": "keep", "key-by": "n", "field": "n"},
                  {"id": "ma", "type": "max", "input": "keep", "key-by": "n", "field": "n"},
                  {"id": "mib", "type": "min-by", "input": "keep", "key-by": "n", "field": "n"},
                  {"id": "mab", "type": "max-by", "input": "keep", "key-by": "n", "field": "n"},
                  {"id": "cnt", "type": "count", "input": "keep", "key-by": "n", "output-field": "total"},
                  {"id": "out", "type": "kafka-sink", "input": "red", "topic": "o", "bootstrap-servers": "c:9092",
                   "format": "string", "guarantee": "exactly-once"},
                  {"id": "show", "type": "print", "input": "expr", "prefix": "> "}
                ]}
                """);

        Map<String, String> projection = new LinkedHashMap<>();
        projection.put("word", "value");
        projection.put("len", "value.length()");
        assertThat(graph.vertex("src").orElseThrow()).isEqualTo(new VertexSpec("src", "Source", 2,
                new OperatorSpec.KafkaSource("in", "b:9092", StartFrom.LATEST, true, RecordFormat.STRING, 300)));
        assertThat(operator(graph, "gen"))
                .isEqualTo(new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, 10, 2.5, 7, "n"));
        assertThat(operator(graph, "proj")).isEqualTo(new OperatorSpec.Map(new FunctionSpec.Projection(projection)));
        assertThat(operator(graph, "expr")).isEqualTo(new OperatorSpec.Map(new FunctionSpec.Expression("word")));
        assertThat(operator(graph, "keep")).isEqualTo(new OperatorSpec.Filter(new FunctionSpec.Expression("n > 3")));
        assertThat(operator(graph, "red")).isEqualTo(
                new OperatorSpec.Reduce(new FunctionSpec.Projection(Map.of("len", "#acc.len + len"))));
        assertThat(operator(graph, "red2")).isEqualTo(new OperatorSpec.Reduce(new FunctionSpec.Expression("#acc")));
        assertThat(operator(graph, "s")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.SUM, "n", null));
        assertThat(operator(graph, "mi")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.MIN, "n", null));
        assertThat(operator(graph, "ma")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.MAX, "n", null));
        assertThat(operator(graph, "mib")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.MIN_BY, "n", null));
        assertThat(operator(graph, "mab")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.MAX_BY, "n", null));
        assertThat(operator(graph, "cnt")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.COUNT, null, "total"));
        assertThat(operator(graph, "out")).isEqualTo(new OperatorSpec.KafkaSink(
                "o", "c:9092", null, RecordFormat.STRING, DeliveryGuarantee.EXACTLY_ONCE));
        assertThat(operator(graph, "show")).isEqualTo(new OperatorSpec.PrintSink("> "));

        assertThat(graph.config()).isEqualTo(new JobConfig(3, 16));
        assertThat(graph.inputsOf("proj")).containsExactly(new EdgeSpec("src", "proj", Partitioning.REBALANCE, null));
        assertThat(graph.inputsOf("expr")).containsExactly(new EdgeSpec("proj", "expr", Partitioning.REBALANCE, null));
        assertThat(graph.inputsOf("keep")).containsExactly(new EdgeSpec("gen", "keep", Partitioning.BROADCAST, null));
        assertThat(graph.inputsOf("red")).containsExactly(
                new EdgeSpec("proj", "red", Partitioning.HASH, new FunctionSpec.Expression("word")));
        assertThat(graph.inputsOf("show")).containsExactly(EdgeSpec.forward("expr", "show"));
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn() {
        assertThat(errors("{\n  \"name\": \"x\",\n  \"operators\": [}\n"))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.field()).isEqualTo("$");
                    assertThat(error.reason()).startsWith("malformed JSON at line 3, column ");
                });
    }

    @Test
    void rejectsARootThatIsNotAnObject() {
        assertThat(errors("[1, 2]")).containsExactly(new SpecError("$", "must be an object, got array"));
        assertThat(errors("  ")).containsExactly(new SpecError("$", "the spec is empty"));
    }

    @Test
    void rejectsDuplicateKeysAsMalformed() {
        assertThat(errors("{\"name\": \"a\", \"name\": \"b\", \"operators\": []}"))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.field()).isEqualTo("$");
                    assertThat(error.reason()).contains("Duplicate").contains("name");
                });
    }

    @Test
    void collectsAllErrorsAtOnce() {
        List<SpecError> errors = errors("""
                {"name": "three", "colour": "red", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence", "parallelism": 0},
                  {"id": "b", "type": "filter", "input": "a", "condition": "BAD"}
                ]}
                """);

        assertThat(errors).extracting(SpecError::field).containsExactly(
                "$.colour", "$.operators[1].condition", "$.operators[0].parallelism");
    }

    @Test
    void reportsWrongJsonTypes() {
        assertThat(errors("""
                {"name": 5, "parallelism": "2", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence", "count": 1.5, "rate": "fast"},
                  {"id": "b", "type": "kafka-sink", "input": "a", "topic": ["t"]},
                  {"id": "c", "type": "kafka-source", "topic": "t", "bounded": "yes"},
                  7
                ]}
                """)).containsExactly(
                new SpecError("$.name", "must be a string, got number"),
                new SpecError("$.parallelism", "must be an integer, got string \"2\""),
                new SpecError("$.operators[0].count", "must be an integer, got number 1.5"),
                new SpecError("$.operators[0].rate", "must be a number, got string \"fast\""),
                new SpecError("$.operators[1].topic", "must be a string, got array"),
                new SpecError("$.operators[2].bounded", "must be true or false, got string \"yes\""),
                new SpecError("$.operators[3]", "must be an object, got number"));
    }

    @Test
    void reportsMissingRequiredFields() {
        assertThat(errors("""
                {"operators": [
                  {"type": "generator"},
                  {"id": "b"},
                  {"id": "c", "type": "kafka-sink", "input": "b"},
                  {"id": "d", "type": "sum", "input": "b", "key-by": "k"},
                  {"id": "e", "type": "filter", "input": "b"}
                ]}
                """)).containsExactly(
                new SpecError("$.name", "is required"),
                new SpecError("$.operators[0].id", "is required"),
                new SpecError("$.operators[0].kind", "is required; expected one of: sequence, text-lines, cars"),
                new SpecError("$.operators[1].type", "is required"),
                new SpecError("$.operators[2].topic", "is required"),
                new SpecError("$.operators[3].field", "is required"),
                new SpecError("$.operators[4].condition", "is required"));
        assertThat(errors("{\"name\": \"x\"}")).containsExactly(new SpecError("$.operators", "is required"));
        assertThat(errors("{\"name\": \"x\", \"operators\": []}"))
                .containsExactly(new SpecError("$.operators", "a job needs at least one operator"));
    }

    @Test
    void namesUnknownFields() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "print", "input": "b", "prefx": "!"},
                  {"id": "b", "type": "generator", "kind": "sequence", "key-by": "x"}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[0].prefx", "unknown field 'prefx'; expected one of: "
                        + "watermarks, id, name, uid, type, parallelism, inputs, input, prefix, partitioning, key-by"),
                new SpecError("$.operators[1].key-by", "unknown field 'key-by'; expected one of: "
                        + "watermarks, id, name, uid, type, parallelism, inputs, input, kind, count, rate, seed, field"));
    }

    @Test
    void listsValidOperatorTypes() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "join", "input": "a", "size": 5},
                  {"id": "c", "type": "print", "input": "b"}
                ]}
                """)).containsExactly(new SpecError("$.operators[1].type", "unknown operator type 'join'; "
                + "expected one of: generator, kafka-source, map, filter, flat-map, reduce, sum, min, max, min-by, "
                + "max-by, count, watermarks, window, file-source, union, window-join, interval-join, kafka-sink, "
                + "print"));
    }

    @Test
    void listsValidEnumValues() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "kafka-source", "topic": "t", "start-from": "middle", "format": "xml"},
                  {"id": "b", "type": "kafka-sink", "input": "a", "topic": "u", "guarantee": "maybe",
                   "partitioning": "random"}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[0].start-from", "unknown value 'middle'; expected one of: earliest, latest"),
                new SpecError("$.operators[0].format", "unknown value 'xml'; expected one of: json, string"),
                new SpecError("$.operators[1].guarantee",
                        "unknown value 'maybe'; expected one of: at-least-once, exactly-once"),
                new SpecError("$.operators[1].partitioning",
                        "unknown value 'random'; expected one of: forward, hash, rebalance, broadcast"));
    }

    @Test
    void rejectsDuplicateIdsAndBadIdCharacters() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "a", "type": "print", "input": "a"},
                  {"id": "b c", "type": "print", "input": "a"}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[1].id", "duplicate id 'a' (also at $.operators[0].id)"),
                new SpecError("$.operators[2].id", "must match [A-Za-z0-9_-]{1,64}, got 'b c'"));
    }

    @Test
    void checksParallelismRanges() {
        assertThat(errors("""
                {"name": "x", "max-parallelism": 4, "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence", "parallelism": 5},
                  {"id": "b", "type": "print", "input": "a", "parallelism": 0}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[0].parallelism", "must be between 1 and 4 (max-parallelism), got 5"),
                new SpecError("$.operators[1].parallelism", "must be between 1 and 4 (max-parallelism), got 0"));
        assertThat(errors("""
                {"name": "x", "parallelism": 200, "max-parallelism": 40000, "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"}
                ]}
                """)).containsExactly(
                new SpecError("$.max-parallelism", "must be between 1 and 32768, got 40000"));
        // Operators inheriting an invalid job parallelism are not reported again.
        assertThat(errors("""
                {"name": "x", "parallelism": 0, "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "print", "input": "a"}
                ]}
                """)).containsExactly(
                new SpecError("$.parallelism", "must be between 1 and 128 (max-parallelism), got 0"));
    }

    @Test
    void rejectsDanglingInputs() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "print", "input": "nope"},
                  {"id": "c", "type": "print", "inputs": ["a", "gone"]}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[1].input", "unknown operator id 'nope'"),
                new SpecError("$.operators[2].inputs[1]", "unknown operator id 'gone'"));
    }

    @Test
    void checksWhichOperatorsTakeInputs() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "kafka-source", "topic": "t", "input": "a"},
                  {"id": "c", "type": "print"},
                  {"id": "d", "type": "print", "inputs": []},
                  {"id": "e", "type": "print", "input": "a", "inputs": ["a"]}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[4].inputs", "set either 'input' or 'inputs', not both"),
                new SpecError("$.operators[1].input", "a source (kafka-source) takes no input"),
                new SpecError("$.operators[2].input", "is required: a print operator needs at least one input"),
                new SpecError("$.operators[3].inputs", "is required: a print operator needs at least one input"));
    }

    @Test
    void requiresKeyByOnKeyedOperatorsAndHashPartitioning() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "count", "input": "a"},
                  {"id": "c", "type": "print", "input": "a", "partitioning": "hash"},
                  {"id": "d", "type": "print", "input": "a", "key-by": "value", "partitioning": "rebalance"}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[3].partitioning", "must be hash (or left out) when key-by is set"),
                new SpecError("$.operators[1].key-by",
                        "is required: a keyed operator (count) needs a hash-partitioned input"),
                new SpecError("$.operators[2].key-by", "is required for hash partitioning"));
    }

    @Test
    void rejectsForwardBetweenUnequalParallelism() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence", "parallelism": 1},
                  {"id": "b", "type": "print", "input": "a", "partitioning": "forward", "parallelism": 2}
                ]}
                """)).containsExactly(new SpecError("$.operators[1].partitioning",
                "forward needs equal parallelism, but 'a' has 1 and 'b' has 2"));
    }

    @Test
    void detectsCyclesAndNamesTheirOperators() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "src", "type": "generator", "kind": "sequence"},
                  {"id": "a", "type": "map", "inputs": ["src", "c"], "expression": "value"},
                  {"id": "b", "type": "map", "input": "a", "expression": "value"},
                  {"id": "c", "type": "map", "input": "b", "expression": "value"},
                  {"id": "self", "type": "map", "input": "self", "expression": "value"}
                ]}
                """)).containsExactly(new SpecError("$.operators",
                "the graph must be acyclic; these operators form a cycle: [a, b, c], [self]"));
    }

    @Test
    void checksEveryExpressionOnItsOwnPath() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "text-lines"},
                  {"id": "b", "type": "map", "input": "a", "fields": {"word": "BAD(", "ok": "line"}},
                  {"id": "c", "type": "flat-map", "input": "b", "expression": "BAD"},
                  {"id": "d", "type": "filter", "input": "c", "condition": "BAD"},
                  {"id": "e", "type": "reduce", "input": "d", "key-by": "BAD", "expression": "BAD"},
                  {"id": "f", "type": "kafka-sink", "input": "e", "topic": "t", "key": "BAD"}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[1].fields.word", "invalid expression 'BAD(': unexpected token"),
                new SpecError("$.operators[2].expression", "invalid expression 'BAD': unexpected token"),
                new SpecError("$.operators[3].condition", "invalid expression 'BAD': unexpected token"),
                new SpecError("$.operators[4].expression", "invalid expression 'BAD': unexpected token"),
                new SpecError("$.operators[4].key-by", "invalid expression 'BAD': unexpected token"),
                new SpecError("$.operators[5].key", "invalid expression 'BAD': unexpected token"));
    }

    @Test
    void requiresExactlyOneOfFieldsOrExpression() {
        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "map", "input": "a"},
                  {"id": "c", "type": "map", "input": "a", "expression": "value", "fields": {"v": "value"}},
                  {"id": "d", "type": "map", "input": "a", "fields": {}}
                ]}
                """)).containsExactly(
                new SpecError("$.operators[1].expression", "is required (or 'fields')"),
                new SpecError("$.operators[2].fields", "set either 'fields' or 'expression', not both"),
                new SpecError("$.operators[3].fields",
                        "must be a non-empty object of field name → expression, got object"));
    }

    @Test
    void rejectsNegativeRateAndUnknownTopLevelFields() {
        assertThat(errors("""
                {"name": "x", "paralelism": 2, "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence", "rate": -1}
                ]}
                """)).containsExactly(
                new SpecError("$.paralelism",
                        "unknown field 'paralelism'; expected one of: name, parallelism, max-parallelism, checkpointing, restart-strategy, savepointPath, allowNonRestoredState, error-policy, operators"),
                new SpecError("$.operators[0].rate", "must be >= 0 (0 = unlimited), got -1.0"));
    }

    @Test
    void readsCheckpointing() {
        JobGraph graph = parse("""
                {"name": "c", "checkpointing": {"interval": "500ms", "mode": "at-least-once", "timeout": "2m"},
                 "operators": [{"id": "n", "type": "generator", "kind": "sequence"}]}
                """);
        assertThat(graph.config().checkpointing())
                .isEqualTo(new CheckpointingConfig(500, CheckpointingConfig.Mode.AT_LEAST_ONCE, 120_000));
    }

    @Test
    void checkpointingDefaultsToExactlyOnceWithTenMinuteTimeoutAndIsOffWhenAbsent() {
        JobGraph on = parse("""
                {"name": "c", "checkpointing": {"interval": "1s"},
                 "operators": [{"id": "n", "type": "generator", "kind": "sequence"}]}
                """);
        assertThat(on.config().checkpointing())
                .isEqualTo(new CheckpointingConfig(1000, CheckpointingConfig.Mode.EXACTLY_ONCE, 600_000));
        JobGraph off = parse("""
                {"name": "c", "operators": [{"id": "n", "type": "generator", "kind": "sequence"}]}
                """);
        assertThat(off.config().checkpointing()).isNull();
    }

    @Test
    void readsTheRestartStrategy() {
        assertThat(restartStrategy("""
                {"type": "fixed-delay", "attempts": 5, "delay": "2s"}"""))
                .isEqualTo(new RestartStrategyConfig.FixedDelay(5, 2000));
        assertThat(restartStrategy("""
                {"type": "none"}""")).isEqualTo(RestartStrategyConfig.NONE);
        assertThat(restartStrategy("""
                {"type": "exponential-delay"}""")).isEqualTo(
                new RestartStrategyConfig.ExponentialDelay(1000, 300_000, 2.0, 3_600_000, 0.1));
        assertThat(restartStrategy("""
                {"type": "exponential-delay", "initial-backoff": "10ms", "max-backoff": "1s",
                 "backoff-multiplier": 1.5, "reset-backoff-threshold": "10m", "jitter": 0}""")).isEqualTo(
                new RestartStrategyConfig.ExponentialDelay(10, 1000, 1.5, 600_000, 0.0));
        assertThat(restartStrategy("""
                {"type": "failure-rate"}""")).isEqualTo(new RestartStrategyConfig.FailureRate(1, 60_000, 1000));
        assertThat(restartStrategy("""
                {"type": "failure-rate", "max-failures-per-interval": 3, "failure-rate-interval": "5m",
                 "delay": "10s"}""")).isEqualTo(new RestartStrategyConfig.FailureRate(3, 300_000, 10_000));
    }

    @Test
    void reportsRestartStrategyErrorsWithTheirPaths() {
        assertThat(errors(withRestartStrategy("""
                {"type": "sometimes"}"""))).containsExactly(new SpecError("$.restart-strategy.type",
                "unknown restart strategy 'sometimes'; expected one of: none, fixed-delay, exponential-delay, "
                        + "failure-rate"));
        assertThat(errors(withRestartStrategy("""
                {"type": "exponential-delay", "initial-backoff": "2s", "max-backoff": "1s",
                 "backoff-multiplier": 0.5, "jitter": 1}""")))
                .extracting(SpecError::field)
                .containsExactlyInAnyOrder("$.restart-strategy.max-backoff", "$.restart-strategy.backoff-multiplier",
                        "$.restart-strategy.jitter");
        assertThat(errors(withRestartStrategy("""
                {"type": "failure-rate", "max-failures-per-interval": 0, "attempts": 2}""")))
                .extracting(SpecError::field)
                .containsExactlyInAnyOrder("$.restart-strategy.max-failures-per-interval",
                        "$.restart-strategy.attempts");
    }

    private RestartStrategyConfig restartStrategy(String json) {
        return parse(withRestartStrategy(json)).config().restartStrategy();
    }

    private static String withRestartStrategy(String json) {
        return """
                {"name": "c", "restart-strategy": %s,
                 "operators": [{"id": "n", "type": "generator", "kind": "sequence"}]}
                """.formatted(json);
    }

    @Test
    void reportsCheckpointingErrorsWithTheirPaths() {
        assertThat(errors("""
                {"name": "c", "checkpointing": {"interval": "soon", "mode": "twice", "timeout": "1ms", "x": 1},
                 "operators": [{"id": "n", "type": "generator", "kind": "sequence"}]}
                """)).containsExactly(
                new SpecError("$.checkpointing.interval", "must be a duration like \"200ms\", \"2s\", \"1m\", \"1h\", \"1d\" or milliseconds, got string \"soon\""),
                new SpecError("$.checkpointing.mode",
                        "unknown value 'twice'; expected one of: exactly-once, at-least-once"),
                new SpecError("$.checkpointing.timeout", "must be at least 10ms, got string \"1ms\""),
                new SpecError("$.checkpointing.x",
                        "unknown field 'x'; expected one of: interval, mode, timeout"));
        assertThat(errors("""
                {"name": "c", "checkpointing": {},
                 "operators": [{"id": "n", "type": "generator", "kind": "sequence"}]}
                """)).containsExactly(new SpecError("$.checkpointing.interval", "is required"));
    }

    @Test
    void summarisesTheErrorsInTheExceptionMessage() {
        assertThatThrownBy(() -> JobSpecParser.parse("{\"operators\": []}", CHECKER))
                .isInstanceOf(JobSpecException.class)
                .hasMessage("invalid job (2 errors): $.name: is required; "
                        + "$.operators: a job needs at least one operator");
    }

    private static JobGraph parse(String json) {
        return JobSpecParser.parse(json, CHECKER);
    }

    private static OperatorSpec operator(JobGraph graph, String id) {
        return graph.vertex(id).orElseThrow().operator();
    }

    private static List<SpecError> errors(String json) {
        try {
            JobSpecParser.parse(json, CHECKER);
        } catch (JobSpecException e) {
            return e.errors();
        }
        throw new AssertionError("expected the spec to be rejected");
    }

    @Test
    void uidsDefaultToTheIdAndMustBeWellFormedAndUnique() {
        JobGraph graph = parse("""
                {"name": "x", "savepointPath": "/sp/savepoint-1", "allowNonRestoredState": true, "operators": [
                  {"id": "a", "uid": "source-v1", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "print", "input": "a"}
                ]}""");
        assertThat(graph.vertex("a").orElseThrow().uid()).isEqualTo("source-v1");
        assertThat(graph.vertex("b").orElseThrow().uid()).isEqualTo("b");
        assertThat(graph.config().savepointRestore())
                .isEqualTo(new io.sluice.graph.SavepointRestoreSettings("/sp/savepoint-1", true));

        assertThat(errors("""
                {"name": "x", "operators": [
                  {"id": "a", "uid": "b", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "print", "input": "a"},
                  {"id": "c", "uid": "no spaces", "type": "print", "input": "a"}
                ]}""")).containsExactly(
                new SpecError("$.operators[0].uid", "duplicate uid 'b' (also the uid of $.operators[1].id)"),
                new SpecError("$.operators[2].uid", "must match [A-Za-z0-9_-]{1,64}, got 'no spaces'"));
    }
}
