package io.sluice.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.windowing.TimeWindow;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.window.WindowPartial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamElementCodecTest {

    private final StreamElementCodec codec = new StreamElementCodec(getClass().getClassLoader());

    record WordCount(String word, long count) {}

    /** No no-arg constructor: Kryo must instantiate it without one. */
    static final class Reading {
        final String sensor;
        final double value;

        Reading(String sensor, double value) {
            this.sensor = sensor;
            this.value = value;
        }
    }

    private StreamElement roundTrip(StreamElement element) {
        return codec.decode(codec.encode(element));
    }

    @Test
    void elementsAppendedToOneBufferReadBackInOrder() {
        List<StreamElement> elements = List.of(
                new StreamElement.Record(new WordCount("a", 1), 10L),
                new StreamElement.Record(Map.of("k", "v"), StreamElement.NO_TIMESTAMP),
                new StreamElement.Watermark(9L),
                new StreamElement.CheckpointBarrier(4L, 77L),
                new StreamElement.Record(new WordCount("b", 2), 11L),
                new StreamElement.CheckpointBarrier(5L, 78L, "/savepoints/x"),
                StreamElement.EndOfInput.INSTANCE);
        com.esotericsoftware.kryo.io.Output batch = new com.esotericsoftware.kryo.io.Output(16, -1);
        for (StreamElement element : elements) {
            codec.encode(element, batch);
        }

        codec.startBatch(batch.toBytes());
        List<StreamElement> decoded = new ArrayList<>();
        while (codec.hasNext()) {
            decoded.add(codec.next());
        }

        assertThat(decoded).isEqualTo(elements);
        assertThat(codec.decode(codec.encode(elements.get(2)))).as("one element alone").isEqualTo(elements.get(2));
    }

    @Test
    void windowsRoundTripByRegisteredIdInAFewBytes() {
        for (Object window : List.of(new TimeWindow(-5_000, 10_000), new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE),
                new io.sluice.api.windowing.GlobalWindow())) {
            assertThat(((StreamElement.Record) roundTrip(new StreamElement.Record(window, 1))).value())
                    .isEqualTo(window);
        }
        int bytes = codec.encode(new StreamElement.Record(new TimeWindow(1_700_000_000_000L, 1_700_000_010_000L), 1))
                .length;
        assertThat(bytes).as("tag, timestamp, class id, two numbers: no class name").isLessThan(20);
    }

    @Test
    void rowsRoundTripWithFieldOrderAndNumberTypes() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("word", "sluice");
        row.put("count", 3L);
        row.put("ratio", 0.5);
        row.put("small", 7);
        row.put("tags", List.of("a", "b"));
        row.put("missing", null);

        StreamElement.Record decoded = (StreamElement.Record) roundTrip(new StreamElement.Record(row, 1234L));

        assertThat(decoded.timestamp()).isEqualTo(1234L);
        assertThat(decoded.value()).isInstanceOf(LinkedHashMap.class).isEqualTo(row);
        assertThat(List.<Object>copyOf(((Map<?, ?>) decoded.value()).keySet())).containsExactly("word", "count", "ratio", "small", "tags", "missing");
        assertThat(((Map<?, ?>) decoded.value()).get("small")).isInstanceOf(Integer.class);
    }

    @Test
    void javaRecordsAndPojosRoundTrip() {
        assertThat(roundTrip(new StreamElement.Record(new WordCount("a", 2), StreamElement.NO_TIMESTAMP)))
                .isEqualTo(new StreamElement.Record(new WordCount("a", 2), StreamElement.NO_TIMESTAMP));

        Reading reading = (Reading) ((StreamElement.Record) roundTrip(new StreamElement.Record(new Reading("t1", 21.5), 0)))
                .value();
        assertThat(reading.sensor).isEqualTo("t1");
        assertThat(reading.value).isEqualTo(21.5);
    }

    /** What a pre-aggregating task sends: the class by its registered id, so a partial costs a few bytes. */
    @Test
    void windowPartialsRoundTripCompactly() {
        WindowPartial partial = new WindowPartial("k42", new TimeWindow(10_000, 20_000), new Object[] {7L});
        byte[] bytes = codec.encode(new StreamElement.Record(partial, 19_999));
        WindowPartial decoded = (WindowPartial) ((StreamElement.Record) codec.decode(bytes)).value();
        assertThat(decoded.key()).isEqualTo("k42");
        assertThat(decoded.window()).isEqualTo(new TimeWindow(10_000, 20_000));
        assertThat((Object[]) decoded.accumulator()).containsExactly(7L);
        assertThat(bytes.length).isLessThan(60);
    }

    @Test
    void bareValuesAndImmutableCollectionsRoundTrip() {
        for (Object value : List.of("text", 42L, 1.5, List.of(1, 2, 3), Map.of("k", "v"), Set.of("x"), new ArrayList<>(List.of("y")))) {
            assertThat(((StreamElement.Record) roundTrip(new StreamElement.Record(value, 5))).value()).isEqualTo(value);
        }
        assertThat(((StreamElement.Record) roundTrip(new StreamElement.Record(null, 5))).value()).isNull();
    }

    @Test
    void controlElementsAreTiny() {
        byte[] end = codec.encode(StreamElement.EndOfInput.INSTANCE);
        assertThat(end).hasSize(1);
        assertThat(codec.decode(end)).isSameAs(StreamElement.EndOfInput.INSTANCE);

        StreamElement.Watermark watermark = new StreamElement.Watermark(1_700_000_000_000L);
        assertThat(codec.encode(watermark).length).isLessThanOrEqualTo(10);
        assertThat(roundTrip(watermark)).isEqualTo(watermark);

        StreamElement.CheckpointBarrier barrier = new StreamElement.CheckpointBarrier(17, 1_700_000_000_000L);
        assertThat(codec.encode(barrier).length).isLessThanOrEqualTo(12);
        assertThat(roundTrip(barrier)).isEqualTo(barrier);
        StreamElement.CheckpointBarrier savepoint =
                new StreamElement.CheckpointBarrier(18, 1_700_000_000_000L, "/data/savepoints/savepoint-abc123-0f");
        assertThat(roundTrip(savepoint)).isEqualTo(savepoint);
        assertThat(((StreamElement.CheckpointBarrier) roundTrip(barrier)).isSavepoint()).isFalse();

        assertThat(roundTrip(new StreamElement.Watermark(Long.MIN_VALUE))).isEqualTo(new StreamElement.Watermark(Long.MIN_VALUE));
    }

    @Test
    void resolvesRecordClassesWithTheUserClassLoader() {
        List<String> requested = new ArrayList<>();
        ClassLoader userClassLoader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                return super.loadClass(name, resolve);
            }
        };
        byte[] bytes = codec.encode(new StreamElement.Record(new WordCount("a", 1), 0));

        Object decoded = ((StreamElement.Record) new StreamElementCodec(userClassLoader).decode(bytes)).value();

        assertThat(decoded).isEqualTo(new WordCount("a", 1));
        assertThat(requested).contains(WordCount.class.getName());
    }

    @Test
    void rejectsBytesThatAreNoElement() {
        assertThatThrownBy(() -> codec.decode(new byte[] {99})).hasMessageContaining("tag 99");
    }
}
