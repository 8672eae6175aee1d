package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.state.ValueState;
import org.junit.jupiter.api.Test;

class InMemoryKeyedStateBackendTest {

    private final InMemoryKeyedStateBackend backend = new InMemoryKeyedStateBackend();

    @Test
    void valuesAreScopedToTheCurrentKey() {
        ValueState<Long> count = backend.valueState("count", Long.class);
        backend.setCurrentKey("a");
        count.update(1L);
        backend.setCurrentKey("b");
        assertThat(count.value()).isNull();
        count.update(5L);
        backend.setCurrentKey("a");
        assertThat(count.value()).isEqualTo(1L);
        assertThat(backend.size("count")).isEqualTo(2);
    }

    @Test
    void statesWithDifferentNamesAreSeparate() {
        backend.setCurrentKey("a");
        backend.valueState("x", String.class).update("one");
        assertThat(backend.valueState("y", String.class).value()).isNull();
        assertThat(backend.valueState("x", String.class).value()).isEqualTo("one");
    }

    @Test
    void clearAndNullUpdatesRemoveTheValue() {
        ValueState<String> state = backend.valueState("s", String.class);
        backend.setCurrentKey(1);
        state.update("v");
        state.clear();
        assertThat(state.value()).isNull();
        state.update("w");
        state.update(null);
        assertThat(backend.size("s")).isZero();
    }

    @Test
    void stateNeedsACurrentKey() {
        assertThatThrownBy(() -> backend.valueState("s", String.class).value()).hasMessageContaining("no current key");
        assertThatThrownBy(() -> backend.setCurrentKey(null)).hasMessageContaining("key is null");
    }
}
