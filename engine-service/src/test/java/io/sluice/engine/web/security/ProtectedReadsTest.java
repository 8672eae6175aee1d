package io.sluice.engine.web.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code protect-reads}: reading the API needs a token too; health and the dashboard's files do not. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.security.tokens=reader-token",
            "sluice.security.protect-reads=true"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(FakeTransport.class)
class ProtectedReadsTest {

    @Autowired
    WebTestClient client;

    @Test
    void readsNeedTheToken() {
        for (String path : new String[] {"/jobs", "/jobs/overview", "/v1/overview", "/taskmanagers", "/config"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> org.assertj.core.api.Assertions
                            .assertThat(v).startsWith("Bearer"));
            client.get().uri(path).headers(h -> h.setBearerAuth("nope")).exchange().expectStatus().isForbidden();
            client.get().uri(path).headers(h -> h.setBearerAuth("reader-token")).exchange().expectStatus().isOk();
        }
    }

    @Test
    void healthAndDashboardFilesStayOpen() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/").exchange().expectStatus().isOk();
        client.get().uri("/js/app.js").exchange().expectStatus().isOk();
        client.get().uri("/css/app.css").exchange().expectStatus().isOk();
    }
}
