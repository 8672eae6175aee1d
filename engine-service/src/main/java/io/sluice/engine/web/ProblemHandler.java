package io.sluice.engine.web;

import io.sluice.engine.job.JobAlreadyTerminalException;
import io.sluice.engine.job.SavepointRefusedException;
import io.sluice.engine.job.UnknownJobException;
import io.sluice.engine.job.UnknownSavepointRequestException;
import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.SpecError;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Maps exceptions to RFC 7807 problem bodies ({@code application/problem+json}). Responses never carry stack
 * traces; an unexpected error gets an id that is logged with its stack trace on the server.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    static final URI INVALID_JOB_SPEC = URI.create("urn:sluice:problem:invalid-job-spec");

    /**
     * 400 with every problem of the spec: Flink's {@code errors} (strings "path: reason") and
     * {@code field-errors} ({@code {"field", "reason"}}). Malformed JSON arrives here too, at path {@code $}.
     */
    @ExceptionHandler(JobSpecException.class)
    ResponseEntity<ProblemDetail> invalidSpec(JobSpecException e) {
        List<SpecError> errors = e.errors();
        String count = errors.size() == 1 ? "1 problem" : errors.size() + " problems";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The job spec has " + count + "; see errors");
        problem.setType(INVALID_JOB_SPEC);
        problem.setTitle("Invalid job spec");
        problem.setProperty("errors", errors.stream().map(SpecError::toString).toList());
        problem.setProperty("field-errors", errors.stream()
                .map(error -> Map.of("field", error.field(), "reason", error.reason()))
                .toList());
        return respond(problem);
    }

    /** 400 for a bad request body other than a spec, in the same shape ({@code errors}, {@code field-errors}). */
    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.errors().stream().map(SpecError::toString).toList());
        problem.setProperty("field-errors", e.errors().stream()
                .map(error -> Map.of("field", error.field(), "reason", error.reason()))
                .toList());
        return respond(problem);
    }

    @ExceptionHandler(UnknownSavepointRequestException.class)
    ResponseEntity<ProblemDetail> unknownSavepointRequest(UnknownSavepointRequestException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    /** The job cannot take a savepoint now (not running, no checkpointing, one in progress). */
    @ExceptionHandler(SavepointRefusedException.class)
    ResponseEntity<ProblemDetail> savepointRefused(SavepointRefusedException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The job spec is larger than " + JobController.MAX_SPEC_BYTES + " bytes"));
    }

    @ExceptionHandler(UnknownJobException.class)
    ResponseEntity<ProblemDetail> unknownJob(UnknownJobException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(JobAlreadyTerminalException.class)
    ResponseEntity<ProblemDetail> alreadyTerminal(JobAlreadyTerminalException e) {
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

    /** Spring's own request errors (missing or bad parameters, unsupported method, ...) keep their status. */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> requestError(ResponseStatusException e) {
        HttpStatusCode status = e.getStatusCode();
        String detail = e.getReason() != null ? e.getReason() : e.getBody().getDetail();
        return respond(ProblemDetail.forStatusAndDetail(status, detail));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        log.error("Internal error {}", errorId, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal error (id " + errorId + ")");
        problem.setProperty("error-id", errorId);
        return respond(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
