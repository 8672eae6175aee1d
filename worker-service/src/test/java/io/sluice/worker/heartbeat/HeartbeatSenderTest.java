package io.sluice.worker.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatSenderTest {

    private static final WorkerId WORKER = new WorkerId("w1");

    @Test
    void heartbeat_carries_slots_running_tasks_address_and_time() {
        List<ControlMessage.ToEngine> sent = new ArrayList<>();
        TaskId task = new TaskId(JobId.random(), "gen", 1);
        HeartbeatSender sender = new HeartbeatSender(
                WORKER, () -> "host-a:8082", 4, () -> List.of(task), sent::add,
                Clock.fixed(Instant.ofEpochMilli(42_000), ZoneOffset.UTC));

        sender.beat();

        assertThat(sent).containsExactly(new Heartbeat(WORKER, "host-a:8082", 4, List.of(task), 42_000));
    }

    @Test
    void a_failing_send_is_swallowed_and_the_next_one_goes_out() {
        List<ControlMessage.ToEngine> sent = new ArrayList<>();
        boolean[] down = {true};
        HeartbeatSender sender = new HeartbeatSender(
                WORKER, () -> "h:1", 1, List::of,
                message -> {
                    if (down[0]) {
                        throw new IllegalStateException("no broker");
                    }
                    sent.add(message);
                },
                Clock.systemUTC());

        sender.beat();
        down[0] = false;
        sender.beat();

        assertThat(sent).hasSize(1);
    }
}
