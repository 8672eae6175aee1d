package io.sluice.engine.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Three submissions per hour: the fourth is 429 with Retry-After; reads are not limited. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.security.submit-rate-limit.limit=3",
            "sluice.security.submit-rate-limit.period=1h"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(FakeTransport.class)
class SubmissionRateLimitTest {

    @Autowired
    WebTestClient client;

    @Test
    void submissionsOverTheLimitAreTooManyRequests() {
        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> last = null;
        for (int i = 0; i < 5; i++) {
            last = client.post().uri(i % 2 == 0 ? "/jobs" : "/v1/jobs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(FakeTransport.SPEC).exchange().expectBody().returnResult();
            statuses.add(last.getStatus().value());
        }

        assertThat(statuses).containsExactly(202, 202, 202, 429, 429);
        assertThat(last.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3600");
        assertThat(last.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(new String(last.getResponseBody())).contains("\"status\":429");
        client.get().uri("/jobs").exchange().expectStatus().isOk();
        client.get().uri("/jobs").exchange().expectStatus().isOk();
    }
}
