package io.sluice.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.MapFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.runtime.testing.JavaFunctions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserFunctionsTest {

    /** A function class of the job. */
    static final class AddSuffix implements MapFunction<String, String> {
        private final String suffix;

        AddSuffix(String suffix) {
            this.suffix = suffix;
        }

        @Override
        public String map(String value) {
            return value + suffix;
        }
    }

    @Test
    void deserializesWithTheUserClassLoader() throws Exception {
        List<String> requested = new ArrayList<>();
        ClassLoader userClassLoader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                return super.loadClass(name, resolve);
            }
        };

        MapFunction<Object, Object> function = UserFunctions.map(JavaFunctions.of(new AddSuffix("!")), userClassLoader);

        assertThat(function.map("hey")).isEqualTo("hey!");
        assertThat(requested).contains(AddSuffix.class.getName());
    }

    @Test
    void rejectsAFunctionOfTheWrongKind() {
        FilterFunction<String> notAMap = value -> true;
        assertThatThrownBy(() -> UserFunctions.map(JavaFunctions.of(notAMap), getClass().getClassLoader()))
                .hasMessageContaining("expected a MapFunction");
    }

    @Test
    void rejectsBytesThatAreNoFunction() {
        assertThatThrownBy(() -> UserFunctions.deserialize(new FunctionSpec.JavaFunction(new byte[] {1, 2}), getClass().getClassLoader()))
                .hasMessageContaining("cannot load Java function");
    }

    @Test
    void keySelectorsFromProjectionsAreRows() throws Exception {
        var key = UserFunctions.keySelector(
                new FunctionSpec.Projection(java.util.Map.of("w", "#lower(word)")), getClass().getClassLoader());
        assertThat(key.getKey(Rows.row("word", "A", "n", 1))).isEqualTo(Rows.row("w", "a"));
    }
}
