package io.sluice.runtime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.StreamElement.Watermark;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestampsAndWatermarksOperatorTest {

    @Test
    void stampsRecordsAndEmitsBoundedOutOfOrdernessWatermarksPeriodically() throws Exception {
        try (var h = OperatorHarness.forSpec(
                new OperatorSpec.Watermarks(new FunctionSpec.Expression("ts"), 2_000, 0, 200), null)) {
            h.processElement(Map.of("ts", 5_000), 1);
            h.processElement(Map.of("ts", 9_000), 2);
            h.processElement(Map.of("ts", 7_000), 3);
            assertThat(h.outputRecords()).extracting(StreamElement.Record::timestamp).containsExactly(5_000L, 9_000L, 7_000L);
            assertThat(h.watermarks()).isEmpty();

            h.advanceProcessingTime(0);
            assertThat(h.watermarks()).containsExactly(9_000L - 2_000 - 1);
            h.advanceProcessingTime(100);
            h.processElement(Map.of("ts", 12_000), 4);
            h.advanceProcessingTime(50);
            assertThat(h.watermarks()).as("not yet a full interval").hasSize(1);
            h.advanceProcessingTime(50);
            assertThat(h.watermarks()).containsExactly(6_999L, 9_999L);
            h.advanceProcessingTime(200);
            assertThat(h.watermarks()).as("no advance, no watermark").hasSize(2);
            h.finish();
            assertThat(h.watermarks()).last().isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void upstreamWatermarksAreReplaced() throws Exception {
        try (var h = OperatorHarness.forSpec(new OperatorSpec.Watermarks(null, 0, 0, 200), null)) {
            h.processWatermark(100);
            h.processElement("a", 50);
            h.advanceProcessingTime(1);
            assertThat(h.watermarks()).containsExactly(49L);
        }
    }

    @Test
    void marksIdleAfterTheTimeoutAndReannouncesItsWatermarkWhenRecordsResume() throws Exception {
        try (var h = OperatorHarness.forSpec(
                new OperatorSpec.Watermarks(new FunctionSpec.Expression("ts"), 0, 1_000, 200), null)) {
            h.processElement(Map.of("ts", 100));
            h.advanceProcessingTime(200);
            h.advanceProcessingTime(799);
            assertThat(h.watermarks()).containsExactly(99L);
            h.advanceProcessingTime(1);
            assertThat(h.watermarks()).containsExactly(99L, Watermark.IDLE);
            h.advanceProcessingTime(5_000);
            assertThat(h.watermarks()).as("idle once").hasSize(2);

            h.processElement(Map.of("ts", 50));
            h.advanceProcessingTime(200);
            assertThat(h.watermarks()).as("active again: the same watermark is sent again")
                    .containsExactly(99L, Watermark.IDLE, 99L);
        }
    }

    @Test
    void javaAssignerFromTheStrategy() throws Exception {
        io.sluice.api.eventtime.TimestampAssigner<Object> assigner = (value, ts) -> ((List<?>) value).size() * 10L;
        try (var h = OperatorHarness.of(new TimestampsAndWatermarksOperator(assigner, 0, 0, 200))) {
            h.processElement(List.of(1, 2, 3));
            assertThat(h.outputRecords()).extracting(StreamElement.Record::timestamp).containsExactly(30L);
        }
    }
}
