package io.sluice.graph.json;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TimeDomain;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;
import io.sluice.graph.window.WindowFunctionSpec.BuiltInKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@code window} operator: {@code window} (kind, size, slide, gap or gap-expression, offset, time),
 * optional {@code trigger} and {@code evictor} objects, {@code allowed-lateness}, and exactly one of
 * {@code aggregate} ({@code function} count|sum|min|max|avg|min-by|max-by, {@code field}) or {@code reduce}
 * ({@code fields} or {@code expression}, with {@code #acc}); optional {@code late-output-topic} receives late records. Stand-in values keep reading going after an error.
 */
final class WindowReader {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> WINDOW_KINDS = List.of("tumbling", "sliding", "session", "global");
    private static final List<String> TRIGGER_KINDS = List.of("event-time", "processing-time", "count", "delta",
            "continuous-event-time", "continuous-processing-time", "purging");
    private static final List<String> EVICTOR_KINDS = List.of("count", "time", "delta");

    private WindowReader() {}

    static OperatorSpec read(SpecReader r) {
        AssignerSpec assigner = r.object("window").map(WindowReader::assigner).orElse(null);
        if (!r.has("window")) {
            r.error("window", "is required: an object with kind " + String.join("|", WINDOW_KINDS));
        }
        TriggerSpec trigger = r.object("trigger").map(WindowReader::trigger).orElse(null);
        EvictorSpec evictor = r.object("evictor").map(WindowReader::evictor).orElse(null);
        long lateness = r.durationMillis("allowed-lateness", 0);
        WindowFunctionSpec function = function(r);
        String lateOutputTopic = r.string("late-output-topic", null);
        String lateOutputTag = r.string("late-output-tag", null);
        return new OperatorSpec.Window(assigner != null ? assigner : new AssignerSpec.Global(), trigger, evictor,
                lateness, function, lateOutputTopic, lateOutputTag);
    }

    static AssignerSpec assigner(SpecReader w) {
        String kind = choice(w, "kind", WINDOW_KINDS);
        TimeDomain time = w.enumValue("time", TimeDomain.class, TimeDomain.EVENT);
        AssignerSpec spec = switch (kind == null ? "global" : kind) {
            case "tumbling" -> new AssignerSpec.Tumbling(positive(w, "size"), w.durationMillis("offset", 0), time);
            case "sliding" -> new AssignerSpec.Sliding(positive(w, "size"), positive(w, "slide"),
                    w.durationMillis("offset", 0), time);
            case "session" -> session(w, time);
            default -> new AssignerSpec.Global();
        };
        w.rejectUnknownFields();
        return spec;
    }

    private static AssignerSpec session(SpecReader w, TimeDomain time) {
        FunctionSpec.Expression dynamic = w.expression("gap-expression", false);
        if (w.has("gap") == w.has("gap-expression")) {
            w.error("gap", "set exactly one of 'gap' (a duration) or 'gap-expression'");
        }
        long gap = w.has("gap") ? positive(w, "gap") : 1;
        return new AssignerSpec.Session(gap, dynamic, time);
    }

    static TriggerSpec trigger(SpecReader t) {
        String kind = choice(t, "kind", TRIGGER_KINDS);
        TriggerSpec spec = switch (kind == null ? "event-time" : kind) {
            case "processing-time" -> new TriggerSpec.ProcessingTime();
            case "count" -> new TriggerSpec.Count(positiveCount(t, "count"));
            case "delta" -> new TriggerSpec.Delta(t.number("threshold", 0), delta(t));
            case "continuous-event-time" -> new TriggerSpec.ContinuousEventTime(positive(t, "interval"));
            case "continuous-processing-time" -> new TriggerSpec.ContinuousProcessingTime(positive(t, "interval"));
            case "purging" -> new TriggerSpec.Purging(t.object("trigger").map(WindowReader::trigger)
                    .orElseGet(() -> {
                        t.error("trigger", "is required: the trigger whose firings purge");
                        return new TriggerSpec.EventTime();
                    }));
            default -> new TriggerSpec.EventTime();
        };
        t.rejectUnknownFields();
        return spec;
    }

    private static EvictorSpec evictor(SpecReader e) {
        String kind = choice(e, "kind", EVICTOR_KINDS);
        boolean after = e.bool("after", false);
        EvictorSpec spec = switch (kind == null ? "count" : kind) {
            case "time" -> new EvictorSpec.Time(positive(e, "size"), after);
            case "delta" -> new EvictorSpec.Delta(e.number("threshold", 0), delta(e), after);
            default -> new EvictorSpec.Count(positiveCount(e, "count"), after);
        };
        e.rejectUnknownFields();
        return spec;
    }

    /** The delta expression: the new element is the root, the earlier one {@code #old}. */
    private static FunctionSpec delta(SpecReader r) {
        if (!r.has("threshold")) {
            r.error("threshold", "is required");
        }
        FunctionSpec.Expression delta = r.expression("delta", true);
        return delta != null ? delta : new FunctionSpec.Expression("0");
    }

    private static WindowFunctionSpec function(SpecReader r) {
        Optional<SpecReader> aggregate = r.object("aggregate");
        Optional<SpecReader> reduce = r.object("reduce");
        if (aggregate.isPresent() == reduce.isPresent()) {
            r.error("aggregate", "set exactly one of 'aggregate' or 'reduce'");
        }
        if (reduce.isPresent()) {
            SpecReader fn = reduce.get();
            FunctionSpec.Projection fields = fn.projection("fields");
            FunctionSpec.Expression expression = fn.expression("expression", false);
            if ((fields == null) == (expression == null) && fn.has("fields") == fn.has("expression")) {
                fn.error("expression", "set exactly one of 'fields' or 'expression'");
            }
            fn.rejectUnknownFields();
            return new WindowFunctionSpec.Reduce(fields != null ? fields : expression, null);
        }
        BuiltInKind kind = BuiltInKind.COUNT;
        String field = null;
        if (aggregate.isPresent()) {
            SpecReader fn = aggregate.get();
            kind = fn.requiredEnum("function", BuiltInKind.class);
            field = kind == BuiltInKind.COUNT ? fn.string("field", null) : fn.requiredString("field");
            fn.rejectUnknownFields();
        }
        String keyBy = r.peekString("key-by");
        List<String> keyFields = keyBy == null ? List.of()
                : List.of(FIELD_NAME.matcher(keyBy).matches() ? keyBy : "key");
        return new WindowFunctionSpec.BuiltIn(kind == null ? BuiltInKind.COUNT : kind, field, keyFields);
    }

    private static String choice(SpecReader r, String field, List<String> choices) {
        String value = r.requiredString(field);
        if (value != null && !choices.contains(value)) {
            r.error(field, "unknown value '" + value + "'; expected one of: " + String.join(", ", choices));
            return null;
        }
        return value;
    }

    /** A required positive duration; 1 as stand-in after an error. */
    private static long positive(SpecReader r, String field) {
        if (!r.has(field)) {
            r.error(field, "is required");
            return 1;
        }
        long millis = r.durationMillis(field, 1);
        if (millis <= 0) {
            r.error(field, "must be positive");
            return 1;
        }
        return millis;
    }

    private static long positiveCount(SpecReader r, String field) {
        if (!r.has(field)) {
            r.error(field, "is required");
            return 1;
        }
        long count = r.longInteger(field, 1);
        if (count <= 0) {
            r.error(field, "must be positive, got " + count);
            return 1;
        }
        return count;
    }
}
