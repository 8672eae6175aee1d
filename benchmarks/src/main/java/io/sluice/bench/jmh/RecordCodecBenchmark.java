package io.sluice.bench.jmh;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.StreamElementCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link StreamElementCodec} on the record path between tasks: encode and decode of one record holding a row or a
 * Java record with the same four fields, and encode of a watermark. Run with {@code -prof gc} for bytes per op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordCodecBenchmark {

    /** One codec per thread, as on a task thread; the record and its encoded bytes. */
    @State(Scope.Thread)
    public static class Records {

        /** {@code row}: a LinkedHashMap as JSON jobs carry; {@code record}: a Java record as Java jobs carry. */
        @Param({"row", "record"})
        public String shape;

        StreamElementCodec codec;
        StreamElement.Record element;
        byte[] encoded;

        @Setup
        public void setUp() {
            codec = new StreamElementCodec(RecordCodecBenchmark.class.getClassLoader());
            Trade trade = Trade.sample(42);
            Object value = switch (shape) {
                case "row" -> trade.toRow();
                case "record" -> trade;
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            };
            element = new StreamElement.Record(value, 1_700_000_000_000L);
            encoded = codec.encode(element);
            StreamElement decoded = codec.decode(encoded);
            if (!element.equals(decoded)) {
                throw new IllegalStateException("codec does not round-trip " + element + ": got " + decoded);
            }
        }
    }

    @State(Scope.Thread)
    public static class Watermarks {
        StreamElementCodec codec;
        final StreamElement.Watermark watermark = new StreamElement.Watermark(1_700_000_000_000L);

        @Setup
        public void setUp() {
            codec = new StreamElementCodec(RecordCodecBenchmark.class.getClassLoader());
        }
    }

    @Benchmark
    public void encodeRecord(Records state, Blackhole blackhole) {
        blackhole.consume(state.codec.encode(state.element));
    }

    @Benchmark
    public void decodeRecord(Records state, Blackhole blackhole) {
        blackhole.consume(state.codec.decode(state.encoded));
    }

    @Benchmark
    public void encodeWatermark(Watermarks state, Blackhole blackhole) {
        blackhole.consume(state.codec.encode(state.watermark));
    }
}
