package io.sluice.graph.json;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.ErrorPolicy;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.JobGraphValidator;
import io.sluice.graph.JobGraphValidator.Field;
import io.sluice.graph.Partitioning;
import io.sluice.graph.RestartStrategyConfig;
import io.sluice.graph.SavepointRestoreSettings;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.json.ParsedOperator.InputRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the user's JSON job spec (format in the team brief) into a {@link JobGraph}. Every problem is collected
 * with its JSON path and thrown together as a {@link JobSpecException}. Field-level rules live in
 * {@link OperatorReader}; structural rules (ids, parallelism, edges, cycles) in {@link JobGraphValidator}, whose
 * errors are mapped back to the spec's paths.
 */
public final class JobSpecParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final SpecErrors errors = new SpecErrors();
    private final ExpressionChecker checker;
    private final SpecCheck check;
    private final List<ParsedOperator> operators = new ArrayList<>();
    /** Parallel to the graph's edges: the input reference each edge came from and the operator that reads it. */
    private final List<EdgeOrigin> edgeOrigins = new ArrayList<>();

    private JobSpecParser(ExpressionChecker checker, SpecCheck check) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.check = Objects.requireNonNull(check, "check");
    }

    /**
     * @param json the spec
     * @param checker validates every expression of the spec
     * @return the job graph
     * @throws JobSpecException listing every problem found
     */
    public static JobGraph parse(String json, ExpressionChecker checker) {
        return parse(json, checker, SpecCheck.NONE);
    }

    /**
     * As {@link #parse(String, ExpressionChecker)}; once the spec is otherwise valid, its expressions' field
     * references ({@link FieldReferenceCheck}) and {@code check} too.
     */
    public static JobGraph parse(String json, ExpressionChecker checker, SpecCheck check) {
        return new JobSpecParser(checker, check).parse(json);
    }

    private JobGraph parse(String json) {
        Optional<SpecReader> root = readTree(json).flatMap(node -> SpecReader.of(node, "$", errors, checker));
        if (root.isEmpty()) {
            throw new JobSpecException(errors.list());
        }
        SpecReader job = root.get();
        String name = job.requiredString("name");
        int parallelism = job.integer("parallelism", 1);
        int maxParallelism = job.integer("max-parallelism", JobConfig.DEFAULT_MAX_PARALLELISM);
        CheckpointingConfig checkpointing = job.object("checkpointing").map(JobSpecParser::checkpointing).orElse(null);
        RestartStrategyConfig restartStrategy =
                job.object("restart-strategy").map(JobSpecParser::restartStrategy).orElse(null);
        SavepointRestoreSettings savepoint = savepointRestore(job);
        ErrorPolicy errorPolicy = job.object("error-policy").map(JobSpecParser::errorPolicy).orElse(ErrorPolicy.FAIL);
        List<SpecReader.Element> elements = job.array("operators");
        if (!job.has("operators")) {
            job.error("operators", "is required");
        }
        job.rejectUnknownFields();

        OperatorReader reader = new OperatorReader(parallelism);
        for (SpecReader.Element element : elements) {
            SpecReader.of(element.node(), element.path(), errors, checker)
                    .ifPresent(op -> operators.addAll(reader.readAll(op)));
        }
        JobGraph graph = new JobGraph(name, vertices(), edges(), new JobConfig(
                parallelism, maxParallelism, checkpointing, restartStrategy, savepoint, null, errorPolicy));
        for (SpecError error : JobGraphValidator.validate(graph, this::locate)) {
            errors.add(error.field(), error.reason());
        }
        if (errors.isEmpty()) {
            Map<String, String> paths = vertexPaths();
            for (SpecCheck each : List.of(new FieldReferenceCheck(checker), check)) {
                for (SpecError error : each.check(graph, paths)) {
                    errors.add(error.field(), error.reason());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new JobSpecException(errors.list());
        }
        return graph;
    }

    /** {@code "savepointPath": "...", "allowNonRestoredState": false} (Flink's names), both optional. */
    private static SavepointRestoreSettings savepointRestore(SpecReader job) {
        String path = job.string("savepointPath", null);
        boolean allowNonRestored = job.bool("allowNonRestoredState", false);
        if (path != null && path.isBlank()) {
            job.error("savepointPath", "must not be blank");
            return null;
        }
        if (path == null && job.has("allowNonRestoredState")) {
            job.error("allowNonRestoredState", "only applies with savepointPath");
        }
        return path == null ? null : new SavepointRestoreSettings(path, allowNonRestored);
    }

    /** {@code "checkpointing": {"interval": "1s", "mode": "exactly-once", "timeout": "10m"}}; interval required. */
    private static CheckpointingConfig checkpointing(SpecReader spec) {
        if (!spec.has("interval")) {
            spec.error("interval", "is required");
        }
        Duration interval = spec.duration("interval", null, CheckpointingConfig.MINIMUM);
        CheckpointingConfig.Mode mode =
                spec.enumValue("mode", CheckpointingConfig.Mode.class, CheckpointingConfig.Mode.EXACTLY_ONCE);
        Duration timeout = spec.duration("timeout", CheckpointingConfig.DEFAULT_TIMEOUT, CheckpointingConfig.MINIMUM);
        spec.rejectUnknownFields();
        return interval == null || mode == null
                ? null
                : new CheckpointingConfig(interval.toMillis(), mode, timeout.toMillis());
    }

    /**
     * {@code "restart-strategy": {"type": "fixed-delay", "attempts": 3, "delay": "1s"}}; also {@code "none"},
     * {@code "exponential-delay"} (initial-backoff, max-backoff, backoff-multiplier, reset-backoff-threshold,
     * jitter) and {@code "failure-rate"} (max-failures-per-interval, failure-rate-interval, delay), Flink's names and
     * defaults.
     */
    private static RestartStrategyConfig restartStrategy(SpecReader spec) {
        String type = spec.string("type", "fixed-delay");
        RestartStrategyConfig config = switch (type) {
            case "none" -> RestartStrategyConfig.NONE;
            case "fixed-delay" -> {
                int attempts = spec.integer("attempts", RestartStrategyConfig.DEFAULT.attempts());
                if (attempts < 0) {
                    spec.error("attempts", "must be >= 0, got " + attempts);
                }
                Duration delay = spec.duration("delay", RestartStrategyConfig.DEFAULT.delay(), Duration.ZERO);
                yield new RestartStrategyConfig.FixedDelay(Math.max(0, attempts), delay.toMillis());
            }
            case "exponential-delay" -> exponentialDelay(spec);
            case "failure-rate" -> failureRate(spec);
            default -> {
                spec.error("type", "unknown restart strategy '" + type
                        + "'; expected one of: none, fixed-delay, exponential-delay, failure-rate");
                yield null;
            }
        };
        spec.rejectUnknownFields();
        return config;
    }

    private static RestartStrategyConfig exponentialDelay(SpecReader spec) {
        var defaults = RestartStrategyConfig.ExponentialDelay.DEFAULTS;
        Duration initial = spec.duration("initial-backoff", Duration.ofMillis(defaults.initialBackoffMillis()),
                Duration.ofMillis(1));
        Duration max = spec.duration("max-backoff", Duration.ofMillis(defaults.maxBackoffMillis()),
                Duration.ofMillis(1));
        double multiplier = spec.number("backoff-multiplier", defaults.multiplier());
        Duration reset = spec.duration("reset-backoff-threshold",
                Duration.ofMillis(defaults.resetBackoffThresholdMillis()), Duration.ZERO);
        double jitter = spec.number("jitter", defaults.jitter());
        boolean valid = true;
        if (max.compareTo(initial) < 0) {
            spec.error("max-backoff", "must be at least initial-backoff (" + initial.toMillis() + "ms)");
            valid = false;
        }
        if (!(multiplier >= 1.0)) {
            spec.error("backoff-multiplier", "must be >= 1, got " + multiplier);
            valid = false;
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            spec.error("jitter", "must be >= 0 and < 1, got " + jitter);
            valid = false;
        }
        return valid
                ? new RestartStrategyConfig.ExponentialDelay(initial.toMillis(), max.toMillis(), multiplier,
                        reset.toMillis(), jitter)
                : null;
    }

    private static RestartStrategyConfig failureRate(SpecReader spec) {
        var defaults = RestartStrategyConfig.FailureRate.DEFAULTS;
        int maxFailures = spec.integer("max-failures-per-interval", defaults.maxFailuresPerInterval());
        Duration interval = spec.duration("failure-rate-interval", Duration.ofMillis(defaults.intervalMillis()),
                Duration.ofMillis(1));
        Duration delay = spec.duration("delay", Duration.ofMillis(defaults.delayMillis()), Duration.ZERO);
        if (maxFailures < 1) {
            spec.error("max-failures-per-interval", "must be >= 1, got " + maxFailures);
            return null;
        }
        return new RestartStrategyConfig.FailureRate(maxFailures, interval.toMillis(), delay.toMillis());
    }

    /** {@code "error-policy": {"mode": "dead-letter", "dead-letter-topic": "orders-dlq"}}; mode fail by default. */
    private static ErrorPolicy errorPolicy(SpecReader spec) {
        ErrorPolicy.Mode mode = spec.enumValue("mode", ErrorPolicy.Mode.class, ErrorPolicy.Mode.FAIL);
        String topic = spec.string("dead-letter-topic", null);
        spec.rejectUnknownFields();
        if (mode == ErrorPolicy.Mode.DEAD_LETTER && (topic == null || topic.isBlank())) {
            spec.error("dead-letter-topic", "is required for mode dead-letter");
            return ErrorPolicy.FAIL;
        }
        if (mode != ErrorPolicy.Mode.DEAD_LETTER && topic != null) {
            spec.error("dead-letter-topic", "is only for mode dead-letter");
            return ErrorPolicy.FAIL;
        }
        if (topic != null && !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            spec.error("dead-letter-topic", "is not a valid Kafka topic name (letters, digits, '.', '_', '-'; 1-249)");
            return ErrorPolicy.FAIL;
        }
        return new ErrorPolicy(mode == null ? ErrorPolicy.Mode.FAIL : mode, topic);
    }

    private Optional<JsonNode> readTree(String json) {
        if (json == null || json.isBlank()) {
            errors.add("$", "the spec is empty");
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(json));
        } catch (JacksonException e) {
            errors.add("$", "malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private Map<String, String> vertexPaths() {
        Map<String, String> paths = new HashMap<>();
        operators.forEach(op -> paths.putIfAbsent(op.vertex().id(), op.path()));
        return paths;
    }

    private List<VertexSpec> vertices() {
        return operators.stream().map(ParsedOperator::vertex).toList();
    }

    private List<EdgeSpec> edges() {
        Map<String, VertexSpec> byId = new HashMap<>();
        for (ParsedOperator op : operators) {
            byId.putIfAbsent(op.vertex().id(), op.vertex());
        }
        // Consumers of an operator with nested watermarks read the watermark vertex the reader added after it.
        Map<String, String> redirects = new HashMap<>();
        for (ParsedOperator op : operators) {
            if (op.vertex().operator() instanceof io.sluice.graph.OperatorSpec.Watermarks && op.inputs().size() == 1
                    && op.vertex().id().equals(OperatorReader.watermarkVertexId(op.inputs().get(0).id()))) {
                redirects.put(op.inputs().get(0).id(), op.vertex().id());
            }
        }
        List<EdgeSpec> edges = new ArrayList<>();
        for (ParsedOperator op : operators) {
            for (int index = 0; index < op.inputs().size(); index++) {
                InputRef declared = op.inputs().get(index);
                String target = redirects.get(declared.id());
                InputRef input = target == null || target.equals(op.vertex().id())
                        ? declared
                        : new InputRef(target, declared.path());
                Partitioning partitioning = partitioning(op, byId.get(input.id()));
                // Two-input operators: the n-th input is logical input n, keyed by the n-th key; else a union.
                boolean twoInput = op.inputKeys() != null && index < op.inputKeys().size();
                FunctionSpec key = twoInput ? op.inputKeys().get(index) : op.keyBy();
                edges.add(new EdgeSpec(input.id(), op.vertex().id(), partitioning,
                        partitioning == Partitioning.HASH ? key : null, twoInput ? index : 0, null));
                edgeOrigins.add(new EdgeOrigin(op, input));
            }
        }
        return edges;
    }

    /** key-by means hash; else the explicit choice; else forward between equal parallelism, rebalance otherwise. */
    private static Partitioning partitioning(ParsedOperator op, VertexSpec source) {
        if (op.keyed()) {
            return Partitioning.HASH;
        }
        if (op.partitioning() != null) {
            return op.partitioning();
        }
        return source != null && source.parallelism() == op.vertex().parallelism()
                ? Partitioning.FORWARD
                : Partitioning.REBALANCE;
    }

    /** Maps a structural error to the spec field a user has to change. */
    private String locate(Field field, int index) {
        return switch (field) {
            case JOB_PARALLELISM -> "$.parallelism";
            case MAX_PARALLELISM -> "$.max-parallelism";
            case VERTICES -> "$.operators";
            case VERTEX_ID -> operators.get(index).path() + ".id";
            case VERTEX_UID -> operators.get(index).path() + ".uid";
            case VERTEX_PARALLELISM -> operators.get(index).path() + ".parallelism";
            case VERTEX_INPUTS -> operators.get(index).path()
                    + (operators.get(index).inputsArray() ? ".inputs" : ".input");
            case EDGE_SOURCE -> edgeOrigins.get(index).input().path();
            case EDGE_TARGET -> edgeOrigins.get(index).operator().path();
            case EDGE_PARTITIONING -> edgeOrigins.get(index).operator().path() + ".partitioning";
            case EDGE_KEY -> edgeOrigins.get(index).operator().path() + ".key-by";
        };
    }

    private record EdgeOrigin(ParsedOperator operator, InputRef input) {}
}
