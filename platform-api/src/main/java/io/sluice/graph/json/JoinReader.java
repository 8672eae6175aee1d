package io.sluice.graph.json;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TriggerSpec;

/**
 * Reads the two-input join operators. Both take {@code inputs} [first, second], {@code key-by} [first key, second
 * key], and the result as {@code fields} (a projection) or an {@code expression} over {@code left} and {@code right}
 * (also bound as {@code #left}, {@code #right}).
 * <ul>
 *   <li>{@code window-join}: {@code window} (as for windows) and an optional {@code trigger};
 *   <li>{@code interval-join}: {@code lower} and {@code upper} in milliseconds relative to the first input's
 *       timestamp (may be negative), optional {@code lower-inclusive} / {@code upper-inclusive} (default true).
 * </ul>
 */
final class JoinReader {

    private JoinReader() {}

    static OperatorSpec windowJoin(SpecReader r) {
        AssignerSpec assigner = r.object("window").map(WindowReader::assigner).orElse(null);
        if (!r.has("window")) {
            r.error("window", "is required: an object with kind tumbling|sliding|session|global");
        }
        TriggerSpec trigger = r.object("trigger").map(WindowReader::trigger).orElse(null);
        return new OperatorSpec.WindowJoin(assigner != null ? assigner : new AssignerSpec.Global(), trigger,
                result(r));
    }

    static OperatorSpec intervalJoin(SpecReader r) {
        if (!r.has("lower")) {
            r.error("lower", "is required: milliseconds relative to the first input's timestamp (may be negative)");
        }
        if (!r.has("upper")) {
            r.error("upper", "is required: milliseconds relative to the first input's timestamp (may be negative)");
        }
        long lower = r.longInteger("lower", 0);
        long upper = r.longInteger("upper", 0);
        if (lower > upper) {
            r.error("lower", "must not be above upper (" + upper + "), got " + lower);
            lower = upper;
        }
        return new OperatorSpec.IntervalJoin(lower, upper, r.bool("lower-inclusive", true),
                r.bool("upper-inclusive", true), result(r));
    }

    private static FunctionSpec result(SpecReader r) {
        FunctionSpec function = OperatorReader.fieldsOrExpression(r);
        return function != null ? function : new FunctionSpec.Expression("left");
    }
}
