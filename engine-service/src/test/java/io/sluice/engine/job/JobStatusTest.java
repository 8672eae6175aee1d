package io.sluice.engine.job;

import static io.sluice.engine.job.JobStatus.CANCELED;
import static io.sluice.engine.job.JobStatus.CANCELLING;
import static io.sluice.engine.job.JobStatus.CREATED;
import static io.sluice.engine.job.JobStatus.FAILED;
import static io.sluice.engine.job.JobStatus.FAILING;
import static io.sluice.engine.job.JobStatus.FINISHED;
import static io.sluice.engine.job.JobStatus.RESTARTING;
import static io.sluice.engine.job.JobStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobStatusTest {

    /** The lifecycle as documented, written out independently of the enum's table. */
    private static final List<List<JobStatus>> LEGAL = List.of(
            List.of(CREATED, RUNNING), List.of(CREATED, FAILING), List.of(CREATED, CANCELLING),
            List.of(RUNNING, RESTARTING), List.of(RUNNING, FAILING), List.of(RUNNING, CANCELLING),
            List.of(RUNNING, FINISHED),
            List.of(RESTARTING, RUNNING), List.of(RESTARTING, FAILING), List.of(RESTARTING, CANCELLING),
            List.of(FAILING, FAILED),
            List.of(CANCELLING, CANCELED));

    @Test
    void exactlyTheDocumentedTransitionsAreLegal() {
        List<List<JobStatus>> legal = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                if (from.canTransitionTo(to)) {
                    legal.add(List.of(from, to));
                }
            }
        }
        assertThat(legal).containsExactlyInAnyOrderElementsOf(LEGAL);
    }

    @Test
    void terminalStatusesAreTheThreeEndings() {
        assertThat(Stream.of(JobStatus.values()).filter(JobStatus::isTerminal))
                .containsExactlyInAnyOrder(FAILED, CANCELED, FINISHED);
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "CANCELED", "FINISHED"})
    void terminalStatusesLeadNowhere(JobStatus terminal) {
        for (JobStatus next : JobStatus.values()) {
            assertThat(terminal.canTransitionTo(next)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void nothingReturnsToCreated(JobStatus from) {
        assertThat(from.canTransitionTo(CREATED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void noSelfTransitions(JobStatus status) {
        assertThat(status.canTransitionTo(status)).isFalse();
    }

    static Stream<Arguments> endingsThatSkipTheStoppingPhase() {
        return Stream.of(
                Arguments.of(CREATED, FAILED), Arguments.of(CREATED, CANCELED),
                Arguments.of(RUNNING, FAILED), Arguments.of(RUNNING, CANCELED));
    }

    @ParameterizedTest
    @MethodSource("endingsThatSkipTheStoppingPhase")
    void failingAndCancellingCannotBeSkipped(JobStatus from, JobStatus to) {
        assertThat(from.canTransitionTo(to)).isFalse();
    }

    @Test
    void aJobThatNeverRanCannotFinish() {
        assertThat(CREATED.canTransitionTo(FINISHED)).isFalse();
    }

    static Stream<Arguments> stoppingPhasesChangingCourse() {
        return Stream.of(
                Arguments.of(FAILING, RUNNING), Arguments.of(FAILING, CANCELLING), Arguments.of(FAILING, CANCELED),
                Arguments.of(FAILING, FINISHED),
                Arguments.of(CANCELLING, RUNNING), Arguments.of(CANCELLING, FAILING), Arguments.of(CANCELLING, FAILED),
                Arguments.of(CANCELLING, FINISHED));
    }

    @ParameterizedTest
    @MethodSource("stoppingPhasesChangingCourse")
    void aStoppingJobEndsOnlyItsOwnWay(JobStatus from, JobStatus to) {
        assertThat(from.canTransitionTo(to)).isFalse();
    }
}
