package io.sluice.runtime.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionSandboxTest {

    private final ExpressionSandbox sandbox = ExpressionSandbox.standard();

    record Order(String customer, long amount) {}

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    static Stream<Arguments> hostileExpressions() {
        return Stream.of(
                arguments("T(java.lang.Runtime).getRuntime().exec('id')", "type references (T(...)) are not allowed"),
                arguments("new java.io.File('/')", "constructors (new ...) are not allowed"),
                arguments("''.getClass().forName('x')", "method calls on objects are not allowed (getClass(...))"),
                arguments("@bean", "bean references (@name, &name) are not allowed"),
                arguments("&factory", "bean references (@name, &name) are not allowed"),
                arguments("#this.getClass()", "method calls on objects are not allowed (getClass(...))"),
                arguments("{1,2}.stream()", "method calls on objects are not allowed (stream(...))"),
                arguments("word.toUpperCase()", "method calls on objects are not allowed (toUpperCase(...))"),
                arguments("count = 5", "assignments are not allowed"),
                arguments("count++", "assignments are not allowed"),
                arguments("#secret", "unknown variable #secret"),
                arguments("#exec('id')", "unknown function #exec(...)"),
                arguments("#lower", "functions must be called: #lower(...)"),
                // class loading and reflection, however spelled
                arguments("T(java.lang.Class).forName('java.lang.Runtime')", "type references (T(...)) are not allowed"),
                arguments("T(ClassLoader).getSystemClassLoader().loadClass('x')", "type references (T(...)) are not allowed"),
                arguments("word.class.classLoader.loadClass('x')", "method calls on objects are not allowed (loadClass(...))"),
                arguments("word.getClass().getDeclaredMethods()", "method calls on objects are not allowed (getClass(...))"),
                arguments("new java.lang.ProcessBuilder({'id'}).start()", "constructors (new ...) are not allowed"),
                arguments("@systemProperties['user.home']", "bean references (@name, &name) are not allowed"),
                // huge repetitions are rejected before anything runs
                arguments("'a' * 1000000000", "string repetition longer than 256 characters"),
                arguments("#concat('x', 'ab' * 200)", "string repetition longer than 256 characters"),
                arguments("(".repeat(500) + "1" + ")".repeat(500), "nests brackets 500 deep; at most 64"),
                arguments("{".repeat(70) + "}".repeat(70), "nests brackets 70 deep; at most 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileExpressions")
    void rejectsForbiddenConstructsWithAClearReason(String source, String reason) {
        assertThat(sandbox.check(source)).hasValueSatisfying(message -> assertThat(message).contains(reason));
        assertThatThrownBy(() -> sandbox.compile(source))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void findsForbiddenConstructsNestedDeepInTheExpression() {
        assertThat(sandbox.check("#lower(word) == 'a' ? {1, T(java.lang.System).exit(0)} : null"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("type references"));
        assertThat(sandbox.check("items.![#this.hashCode()]"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("method calls"));
    }

    @Test
    void reportsParseErrors() {
        assertThat(sandbox.check("count +")).hasValueSatisfying(reason -> assertThat(reason).startsWith("invalid expression"));
        assertThat(sandbox.check("  ")).hasValue("expression is empty");
    }

    @Test
    void rejectsOverlongSources() {
        String longSource = "1" + " + 1".repeat(ExpressionSandbox.MAX_SOURCE_LENGTH / 4);
        assertThat(longSource.length()).isGreaterThan(ExpressionSandbox.MAX_SOURCE_LENGTH);
        assertThat(sandbox.check(longSource)).hasValueSatisfying(reason -> assertThat(reason).contains("longer than 4096"));
    }

    @Test
    void declaredVariablesOnly() {
        assertThat(sandbox.check("#acc.count + count")).isEmpty();
        ExpressionSandbox plain = sandbox.withVariables(Set.of());
        assertThat(plain.check("#acc.count + count"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("unknown variable #acc; no variables"));
        assertThat(plain.check("#root['word'] + #this['word']")).isEmpty();
    }

    @Test
    void readsRowFieldsAsProperties() {
        CompiledExpression expression = sandbox.compile("count + 1");
        assertThat(expression.evaluate(row("word", "a", "count", 41L))).isEqualTo(42L);
        assertThat(sandbox.compile("word == 'a' and count > 3").evaluate(row("word", "a", "count", 4))).isEqualTo(true);
        assertThat(sandbox.compile("['word']").evaluate(row("word", "x"))).isEqualTo("x");
    }

    /** A bare field name over a row skips SpEL's evaluation; what it gives and refuses must not change. */
    @Test
    void aBareFieldNameReadsAsSpelWould() {
        CompiledExpression ts = sandbox.compile("ts");
        assertThat(ts.evaluate(row("ts", 1234L, "v", 1))).isEqualTo(1234L);
        assertThat(ts.evaluate(row("ts", null))).isNull();
        assertThat(ts.evaluate(new Stamped(99L))).isEqualTo(99L);
        assertThatThrownBy(() -> ts.evaluate(row("v", 1)))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'ts'");
        assertThat(sandbox.compile("true").evaluate(row("true", "a field"))).isEqualTo(true);
        assertThat(sandbox.compile("null").evaluate(row("null", "a field"))).isNull();
        // the thread's context is reused: an evaluation with variables leaves none behind for the next
        CompiledExpression acc = sandbox.compile("#acc == null ? v : #acc + v");
        assertThat(acc.evaluate(row("v", 2), Map.of("acc", 40))).isEqualTo(42);
        assertThat(acc.evaluate(row("v", 2))).isEqualTo(2);
    }

    record Stamped(long ts) {}

    @Test
    void readsJavaRecordComponents() {
        Order order = new Order("ada", 12);
        assertThat(sandbox.compile("customer").evaluate(order)).isEqualTo("ada");
        assertThat(sandbox.compile("amount * 2").evaluate(order)).isEqualTo(24L);
    }

    @Test
    void bindsVariables() {
        Object sum = sandbox.compile("#acc['count'] + count")
                .evaluate(row("count", 2), Map.of("acc", row("count", 40)));
        assertThat(sum).isEqualTo(42);
    }

    @Test
    void callsAllowListedFunctions() {
        Map<String, Object> line = row("line", "The quick, brown  fox!");
        assertThat(sandbox.compile("#split(#lower(line), '[^a-z]+')").evaluate(line))
                .isEqualTo(List.of("the", "quick", "brown", "fox"));
        assertThat(sandbox.compile("#concat(#upper('a'), '-', 1, null, #trim('  b '))").evaluate(line)).isEqualTo("A-1b");
        assertThat(sandbox.compile("#length(line) + #length({1,2,3})").evaluate(line)).isEqualTo(25);
        assertThat(sandbox.compile("#coalesce(missing, 'fallback')").evaluate(row("missing", null))).isEqualTo("fallback");
        assertThat(sandbox.compile("#max(3, 4.5)").evaluate(line)).isEqualTo(4.5);
        assertThat(sandbox.compile("#toLong('12') + #round(2.5)").evaluate(line)).isEqualTo(15L);
    }

    @Test
    void selectionAndProjectionWork() {
        Map<String, Object> input = row("xs", List.of(1, 2, 3, 4));
        assertThat(sandbox.compile("xs.?[#this % 2 == 0].![#this * 10]").evaluate(input)).isEqualTo(List.of(20, 40));
    }

    @Test
    void evaluationFailuresAreExpressionExceptions() {
        assertThatThrownBy(() -> sandbox.compile("nope + 1").evaluate(new Order("a", 1)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'nope + 1' failed");
    }

    @Test
    void objectsExposeNoClassOrClassLoader() {
        assertThatThrownBy(() -> sandbox.compile("customer.class").evaluate(new Order("a", 1)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'class' cannot be found");
    }

    @Test
    void bracketsInsideStringLiteralsDoNotCountAsNesting() {
        assertThat(sandbox.compile("#concat(word, '" + "(".repeat(200) + "')").evaluate(row("word", "w")))
                .isEqualTo("w" + "(".repeat(200));
    }

    @Test
    void hostileGrowthIsStoppedAtRunTimeWithAClearMessage() {
        Map<String, Object> input = row("word", "abcdefghij", "n", 1_000_000_000);
        assertThatThrownBy(() -> sandbox.compile("word * n").evaluate(input))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("exceeding the threshold of '256' characters");
        // 10 characters × 10 × 10 × 10 × 10 × 2 = 200,000 per element after the fifth projection: past the limit
        assertThatThrownBy(() -> sandbox.compile("{1,2,3,4,5,6,7,8,9,10}.![#concat(#root.word, #root.word, #root.word, "
                + "#root.word, #root.word, #root.word, #root.word, #root.word, #root.word, #root.word)].![#concat(#this, #this, #this, #this, #this, #this, #this, #this, #this, "
                + "#this)].![#concat(#this, #this, #this, #this, #this, #this, #this, #this, #this, #this)]"
                + ".![#concat(#this, #this, #this, #this, #this, #this, #this, #this, #this, #this)]"
                + ".![#concat(#this, #this)]").evaluate(input))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("#concat result longer than 100000 characters");
    }

    @Test
    void evaluationIsBoundedInOperations() {
        Map<String, Object> input = row("xs", java.util.Collections.nCopies(50_000, 1));
        assertThatThrownBy(() -> sandbox.compile("xs.![#this + 1]").evaluate(input))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("exceeded the threshold of '10,000' operations");
    }
}
