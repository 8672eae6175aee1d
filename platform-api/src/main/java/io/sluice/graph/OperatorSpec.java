package io.sluice.graph;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;

/**
 * The closed set of operator kinds. The API emits these records; workers interpret them with an exhaustive switch.
 * Each record names its JSON-spec {@code type} in {@link JsonSubTypes}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OperatorSpec.GeneratorSource.class, name = "generator"),
    @JsonSubTypes.Type(value = OperatorSpec.KafkaSource.class, name = "kafka-source"),
    @JsonSubTypes.Type(value = OperatorSpec.Map.class, name = "map"),
    @JsonSubTypes.Type(value = OperatorSpec.Filter.class, name = "filter"),
    @JsonSubTypes.Type(value = OperatorSpec.FlatMap.class, name = "flat-map"),
    @JsonSubTypes.Type(value = OperatorSpec.Reduce.class, name = "reduce"),
    @JsonSubTypes.Type(value = OperatorSpec.Aggregate.class, name = "aggregate"),
    @JsonSubTypes.Type(value = OperatorSpec.Watermarks.class, name = "watermarks"),
    @JsonSubTypes.Type(value = OperatorSpec.Window.class, name = "window"),
    @JsonSubTypes.Type(value = OperatorSpec.FileSource.class, name = "file-source"),
    @JsonSubTypes.Type(value = OperatorSpec.Process.class, name = "process"),
    @JsonSubTypes.Type(value = OperatorSpec.KeyedProcess.class, name = "keyed-process"),
    @JsonSubTypes.Type(value = OperatorSpec.Union.class, name = "union"),
    @JsonSubTypes.Type(value = OperatorSpec.CoMap.class, name = "co-map"),
    @JsonSubTypes.Type(value = OperatorSpec.CoFlatMap.class, name = "co-flat-map"),
    @JsonSubTypes.Type(value = OperatorSpec.KeyedCoProcess.class, name = "keyed-co-process"),
    @JsonSubTypes.Type(value = OperatorSpec.WindowJoin.class, name = "window-join"),
    @JsonSubTypes.Type(value = OperatorSpec.IntervalJoin.class, name = "interval-join"),
    @JsonSubTypes.Type(value = OperatorSpec.KafkaSink.class, name = "kafka-sink"),
    @JsonSubTypes.Type(value = OperatorSpec.PrintSink.class, name = "print")
})
public sealed interface OperatorSpec {

    /** True for operators that read no edge. */
    default boolean isSource() {
        return this instanceof GeneratorSource || this instanceof KafkaSource || this instanceof FileSource;
    }

    /** True for operators that need keyed input (a HASH edge). */
    default boolean isKeyed() {
        return this instanceof Reduce || this instanceof Aggregate || this instanceof Window
                || this instanceof KeyedProcess || this instanceof KeyedCoProcess || this instanceof WindowJoin
                || this instanceof IntervalJoin;
    }

    /** True for operators with two logical inputs (edges say which with {@link EdgeSpec#inputIndex()}). */
    default boolean isTwoInput() {
        return this instanceof CoMap || this instanceof CoFlatMap || this instanceof KeyedCoProcess
                || this instanceof WindowJoin || this instanceof IntervalJoin;
    }

    /**
     * Deterministic data generator.
     *
     * @param kind what to generate
     * @param count number of records; negative for unbounded
     * @param ratePerSecond records per second over all subtasks; 0 for as fast as possible
     * @param seed seed of the pseudo-random content (text lines)
     * @param field for JSON jobs the row field that holds the value; null emits the bare value (Java jobs)
     */
    record GeneratorSource(GeneratorKind kind, long count, double ratePerSecond, long seed, String field)
            implements OperatorSpec {}

    /**
     * Reads a Kafka topic. Partition p goes to subtask p % parallelism.
     *
     * @param topic topic name
     * @param bootstrapServers null to use the cluster's broker
     * @param startFrom where to start when there is no checkpoint
     * @param bounded if true, read up to the end offsets seen at start, then finish
     * @param format how record values are decoded
     * @param ratePerSecond records per second over all subtasks; 0 for as fast as possible
     */
    record KafkaSource(String topic, String bootstrapServers, StartFrom startFrom, boolean bounded, RecordFormat format,
            double ratePerSecond) implements OperatorSpec {

        /** As fast as possible. */
        public KafkaSource(String topic, String bootstrapServers, StartFrom startFrom, boolean bounded,
                RecordFormat format) {
            this(topic, bootstrapServers, startFrom, bounded, format, 0);
        }
    }

    /** One record in, one record out. */
    record Map(FunctionSpec function) implements OperatorSpec {}

    /** Keeps the records for which the predicate is true. */
    record Filter(FunctionSpec predicate) implements OperatorSpec {}

    /**
     * Zero or more records out per record in.
     *
     * @param function a Java FlatMapFunction, or an expression yielding a collection or array
     * @param field for expression results that are not rows, the field of the output row holding each element
     */
    record FlatMap(FunctionSpec function, String field) implements OperatorSpec {}

    /**
     * Rolling reduce on a keyed stream: emits the new accumulated value for every input.
     * Expressions see the new record as root and the previous accumulator as {@code #acc}.
     */
    record Reduce(FunctionSpec function) implements OperatorSpec {}

    /**
     * Rolling built-in aggregate on a keyed stream (Flink's sum/min/max/minBy/maxBy, plus count).
     *
     * @param kind aggregate
     * @param field the field aggregated (ignored by COUNT)
     * @param outputField for COUNT the field that receives the count; otherwise null (the aggregated field is updated)
     */
    record Aggregate(AggregateKind kind, String field, String outputField) implements OperatorSpec {}

    /**
     * Assigns event timestamps and generates watermarks (Flink's {@code assignTimestampsAndWatermarks}): every
     * {@code intervalMillis} of processing time it emits {@code maxTimestamp - outOfOrdernessMillis - 1} if that
     * advanced; after {@code idlenessMillis} without records it marks the subtask idle.
     *
     * @param timestamp the record's event time (a Java TimestampAssigner or an expression); null keeps the record's
     * @param outOfOrdernessMillis how far records may trail the largest timestamp seen (0 = monotonous)
     * @param idlenessMillis processing time without records after which the subtask is idle; 0 = never
     * @param intervalMillis how often watermarks are emitted, in processing time
     */
    record Watermarks(FunctionSpec timestamp, long outOfOrdernessMillis, long idlenessMillis, long intervalMillis)
            implements OperatorSpec {}

    /**
     * Windows on a keyed stream (Flink semantics): the assigner puts each element into windows, the trigger decides
     * when a window is evaluated, the optional evictor removes elements around the evaluation, and the function
     * computes the results. Event-time windows are kept until {@code maxTimestamp + allowedLateness}; an element
     * arriving later than that is late: dropped from the windows and emitted to the late-data side output.
     *
     * @param trigger null for the assigner's default (event/processing time at the window's end; never for global)
     * @param evictor null for none
     * @param allowedLateness milliseconds of event time a window is kept (and fired again per late element) after its end
     * @param lateOutputTopic Kafka topic (JSON, cluster broker) receiving the late records; null drops them
     * @param lateOutputTag side output id receiving the late records (Flink's {@code sideOutputLateData}); or null
     */
    record Window(
            AssignerSpec assigner,
            TriggerSpec trigger,
            EvictorSpec evictor,
            long allowedLateness,
            WindowFunctionSpec function,
            String lateOutputTopic,
            String lateOutputTag)
            implements OperatorSpec {
        public Window(AssignerSpec assigner, TriggerSpec trigger, EvictorSpec evictor, long allowedLateness,
                WindowFunctionSpec function, String lateOutputTopic) {
            this(assigner, trigger, evictor, allowedLateness, function, lateOutputTopic, null);
        }

        public Window {
            java.util.Objects.requireNonNull(assigner, "assigner");
            java.util.Objects.requireNonNull(function, "function");
            if (allowedLateness < 0) {
                throw new IllegalArgumentException("allowed lateness must be >= 0, got " + allowedLateness);
            }
        }
    }

    /**
     * Writes to a Kafka topic.
     *
     * @param topic topic name
     * @param bootstrapServers null to use the cluster's broker
     * @param key optional record key
     * @param format how values are encoded
     * @param guarantee delivery guarantee
     */
    record KafkaSink(
            String topic, String bootstrapServers, FunctionSpec key, RecordFormat format, DeliveryGuarantee guarantee)
            implements OperatorSpec {}

    /**
     * Reads a file once, line by line, and finishes (bounded). Subtask i reads the lines {@code i, i + p, ...}; each
     * record's timestamp is none (assign event time with watermarks).
     *
     * @param path the file, as the worker sees it
     * @param format {@link FileFormat#CSV} rows named by {@code columns} (numbers parsed), JSON objects, or lines as
     *     {@code {"value": line}}
     * @param columns for CSV, the field names in column order; ignored otherwise
     */
    record FileSource(String path, FileFormat format, java.util.List<String> columns) implements OperatorSpec {
        public FileSource {
            columns = columns == null ? java.util.List.of() : java.util.List.copyOf(columns);
        }
    }

    /** A Java ProcessFunction on a non-keyed stream: records, side outputs, no timers. */
    record Process(FunctionSpec function) implements OperatorSpec {}

    /** A Java KeyedProcessFunction: keyed state, event/processing-time timers, side outputs. */
    record KeyedProcess(FunctionSpec function) implements OperatorSpec {}

    /** Passes the records of all its inputs on, unchanged (Flink's {@code union}). */
    record Union() implements OperatorSpec {}

    /** A Java CoMapFunction over two inputs. */
    record CoMap(FunctionSpec function) implements OperatorSpec {}

    /** A Java CoFlatMapFunction over two inputs. */
    record CoFlatMap(FunctionSpec function) implements OperatorSpec {}

    /** A Java KeyedCoProcessFunction over two keyed inputs, with keyed state and timers. */
    record KeyedCoProcess(FunctionSpec function) implements OperatorSpec {}

    /**
     * Joins two keyed inputs in windows (Flink's {@code join().where().equalTo().window().apply()}): for every
     * window, every pair of a first-input and a second-input element of the same key in it, as the function says.
     * Results carry the window's max timestamp.
     *
     * @param trigger null for the assigner's default
     * @param function a Java JoinFunction, or an expression/projection seeing {@code #left} and {@code #right}
     */
    record WindowJoin(AssignerSpec assigner, TriggerSpec trigger, FunctionSpec function) implements OperatorSpec {
        public WindowJoin {
            java.util.Objects.requireNonNull(assigner, "assigner");
            java.util.Objects.requireNonNull(function, "function");
        }
    }

    /**
     * Joins two keyed inputs in event time (Flink's {@code intervalJoin().between(lower, upper)}): a first-input
     * element at t pairs with every second-input element of its key at t' in {@code [t + lower, t + upper]} (ends
     * exclusive when asked). Results carry {@code max(t, t')}. Elements behind the watermark are dropped; buffered
     * ones are removed once no future element can pair with them.
     *
     * @param function a Java ProcessJoinFunction, or an expression/projection seeing {@code #left} and {@code #right}
     */
    record IntervalJoin(long lowerMillis, long upperMillis, boolean lowerInclusive, boolean upperInclusive,
            FunctionSpec function) implements OperatorSpec {
        public IntervalJoin {
            if (lowerMillis > upperMillis) {
                throw new IllegalArgumentException("lower bound " + lowerMillis + " is above upper bound " + upperMillis);
            }
            java.util.Objects.requireNonNull(function, "function");
        }
    }

    /** Prints each record to the task's standard output, prefixed (Flink's print sink). */
    record PrintSink(String prefix) implements OperatorSpec {}

    enum GeneratorKind {
        /** 0, 1, 2, ... split across subtasks. */
        SEQUENCE,
        /** Lines of words from a fixed vocabulary, deterministic per seed and index. */
        TEXT_LINES,
        /**
         * Car events like Flink's TopSpeedWindowing source (2 cars, speed random walk by 5 within 0..100, distance +=
         * speed / 3.6, a step every 100 ms of event time), deterministic per seed: rows {carId, speed, distance,
         * timestamp}.
         */
        CARS
    }

    enum StartFrom {
        EARLIEST,
        LATEST
    }

    enum RecordFormat {
        /** A JSON object per record: a row. */
        JSON,
        /** UTF-8 text; as a row: {@code {"value": text}}. */
        STRING
    }

    enum FileFormat {
        CSV,
        JSON,
        STRING
    }

    enum DeliveryGuarantee {
        AT_LEAST_ONCE,
        EXACTLY_ONCE
    }

    enum AggregateKind {
        SUM,
        MIN,
        MAX,
        COUNT,
        MIN_BY,
        MAX_BY
    }
}
