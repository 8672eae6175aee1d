package io.sluice.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemHandlerTest {

    @Test
    void unexpectedErrorsRevealNothingButAnIdToFindThemInTheLog() {
        ResponseEntity<ProblemDetail> response =
                new ProblemHandler().unexpected(new IllegalStateException("secret internals"));

        ProblemDetail problem = response.getBody();
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String errorId = (String) problem.getProperties().get("error-id");
        assertThat(errorId).isNotBlank();
        assertThat(problem.getDetail()).isEqualTo("internal error (id " + errorId + ")");
        assertThat(problem.toString()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }
}
