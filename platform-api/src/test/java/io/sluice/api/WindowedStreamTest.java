package io.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.windowing.assigners.TumblingEventTimeWindows;
import io.sluice.api.windowing.evictors.Evictors;
import io.sluice.api.windowing.triggers.Triggers;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TimeDomain;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowedStreamTest {

    @Test
    void keyedWindowWithTriggerEvictorAndLateness() {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(3);
        env.generateSequence(10)
                .keyBy(v -> v % 2)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .trigger(Triggers.purging(Triggers.count(5)))
                .evictor(Evictors.count(3, true))
                .allowedLateness(Duration.ofSeconds(1))
                .lateDataToKafka("late")
                .reduce(Long::sum)
                .print();
        JobGraph graph = env.getJobGraph("w");
        OperatorSpec.Window window = (OperatorSpec.Window) graph.vertices().get(1).operator();
        assertThat(window.assigner()).isEqualTo(new AssignerSpec.Tumbling(10_000, 0, TimeDomain.EVENT));
        assertThat(window.trigger()).isEqualTo(new TriggerSpec.Purging(new TriggerSpec.Count(5)));
        assertThat(window.evictor()).isEqualTo(new EvictorSpec.Count(3, true));
        assertThat(window.allowedLateness()).isEqualTo(1_000);
        assertThat(window.lateOutputTopic()).isEqualTo("late");
        assertThat(window.function()).isInstanceOf(WindowFunctionSpec.Reduce.class);
        assertThat(graph.edges().get(0).partitioning()).isEqualTo(Partitioning.HASH);
        assertThat(graph.vertices().get(1).parallelism()).isEqualTo(3);
    }

    @Test
    void countWindowsAreGlobalWindowsWithCountTriggersAndEvictors() {
        StreamEnvironment env = StreamEnvironment.create();
        env.generateSequence(10).keyBy(v -> v).countWindow(250, 150).maxBy("value").print();
        env.generateSequence(10).keyBy(v -> v).countWindow(100).minBy("value").print();
        JobGraph graph = env.getJobGraph("c");
        OperatorSpec.Window sliding = (OperatorSpec.Window) graph.vertex("window-2").orElseThrow().operator();
        assertThat(sliding.assigner()).isEqualTo(new AssignerSpec.Global());
        assertThat(sliding.trigger()).isEqualTo(new TriggerSpec.Count(150));
        assertThat(sliding.evictor()).isEqualTo(new EvictorSpec.Count(250, false));
        OperatorSpec.Window tumbling = (OperatorSpec.Window) graph.vertex("window-5").orElseThrow().operator();
        assertThat(tumbling.trigger()).isEqualTo(new TriggerSpec.Purging(new TriggerSpec.Count(100)));
        assertThat(tumbling.evictor()).isNull();
    }

    @Test
    void windowAllRunsInOneSubtaskAndWatermarksFollowTheirInput() {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(4);
        env.generateSequence(10).setParallelism(2)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withIdleness(Duration.ofSeconds(5)))
                .windowAll(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .reduce(Long::sum)
                .print();
        JobGraph graph = env.getJobGraph("all");
        VertexSpec watermarks = graph.vertices().get(1);
        assertThat(watermarks.operator()).isEqualTo(new OperatorSpec.Watermarks(null, 0, 5_000, 200));
        assertThat(watermarks.parallelism()).isEqualTo(2);
        assertThat(graph.edges().get(0)).isEqualTo(EdgeSpec.forward("generator-1", "watermarks-2"));
        assertThat(graph.vertices().get(2).parallelism()).isEqualTo(1);
        assertThat(graph.edges().get(1).partitioning()).isEqualTo(Partitioning.HASH);
    }
}
