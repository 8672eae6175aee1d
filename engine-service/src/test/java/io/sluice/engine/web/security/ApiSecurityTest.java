package io.sluice.engine.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tokens configured, reads open: mutating calls need one of the tokens. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.engine.heartbeat-timeout=60s",
            "sluice.security.tokens=first-token,second-token"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(FakeTransport.class)
class ApiSecurityTest {

    @Autowired
    WebTestClient client;

    @Test
    void submittingWithoutATokenIsUnauthorizedWithABearerChallenge() {
        client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(FakeTransport.SPEC).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("Authorization: Bearer"));
    }

    @Test
    void aWrongTokenIsForbidden() {
        for (String header : new String[] {"Bearer first-tokenX", "Bearer ", "bearer FIRST-TOKEN"}) {
            client.post().uri("/jobs").header(HttpHeaders.AUTHORIZATION, header)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(FakeTransport.SPEC).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(403);
        }
    }

    @Test
    void eitherConfiguredTokenSubmitsAndCancels() {
        String id = submit("first-token");
        submit("second-token");

        client.patch().uri("/jobs/{id}?mode=cancel", id).exchange().expectStatus().isUnauthorized();
        client.patch().uri("/v1/jobs/{id}?mode=cancel", id).exchange().expectStatus().isUnauthorized();
        client.delete().uri("/jobs/{id}", id).exchange().expectStatus().isUnauthorized();
        client.patch().uri("/jobs/{id}?mode=cancel", id).header(HttpHeaders.AUTHORIZATION, "Bearer wrong").exchange()
                .expectStatus().isForbidden();
        client.patch().uri("/jobs/{id}?mode=cancel", id).headers(h -> h.setBearerAuth("second-token")).exchange()
                .expectStatus().isAccepted();
    }

    @Test
    void readsAndHealthStayOpen() {
        client.get().uri("/jobs").exchange().expectStatus().isOk();
        client.get().uri("/v1/overview").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/").exchange().expectStatus().isOk();
    }

    private String submit(String token) {
        Map<?, ?> body = client.post().uri("/jobs").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(FakeTransport.SPEC).exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("jobid");
    }
}
