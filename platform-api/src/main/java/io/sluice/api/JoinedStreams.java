package io.sluice.api;

import io.sluice.api.function.JoinFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TriggerSpec;
import java.util.Objects;

/**
 * A window join being built (Flink's {@code JoinedStreams}):
 * {@code a.join(b).where(keyA).equalTo(keyB).window(assigner).apply(joinFunction)} emits, per window, the join of
 * every pair of an {@code a} and a {@code b} element with equal keys in that window.
 */
public final class JoinedStreams<I1, I2> {

    private final DataStream<I1> first;
    private final DataStream<I2> second;

    JoinedStreams(DataStream<I1> first, DataStream<I2> second) {
        this.first = first;
        this.second = second;
    }

    public <K> Where<K> where(KeySelector<I1, K> firstKey) {
        return new Where<>(Objects.requireNonNull(firstKey, "key"));
    }

    /** The first input's key is chosen. */
    public final class Where<K> {
        private final KeySelector<I1, K> firstKey;

        private Where(KeySelector<I1, K> firstKey) {
            this.firstKey = firstKey;
        }

        public EqualTo equalTo(KeySelector<I2, K> secondKey) {
            return new EqualTo(Objects.requireNonNull(secondKey, "key"));
        }

        /** Both keys are chosen. */
        public final class EqualTo {
            private final KeySelector<I2, K> secondKey;

            private EqualTo(KeySelector<I2, K> secondKey) {
                this.secondKey = secondKey;
            }

            public WithWindow window(AssignerSpec assigner) {
                return new WithWindow(Objects.requireNonNull(assigner, "assigner"), null);
            }

            /** The window is chosen; optionally a trigger, then the join function. */
            public final class WithWindow {
                private final AssignerSpec assigner;
                private final TriggerSpec trigger;

                private WithWindow(AssignerSpec assigner, TriggerSpec trigger) {
                    this.assigner = assigner;
                    this.trigger = trigger;
                }

                public WithWindow trigger(TriggerSpec newTrigger) {
                    return new WithWindow(assigner, Objects.requireNonNull(newTrigger, "trigger"));
                }

                public <R> SingleOutputStreamOperator<R> apply(JoinFunction<I1, I2, R> function) {
                    return new ConnectedStreams<>(first.keyBy(firstKey), second.keyBy(secondKey)).add(
                            new OperatorSpec.WindowJoin(assigner, trigger, JavaFunctions.serialize(function)));
                }
            }
        }
    }
}
