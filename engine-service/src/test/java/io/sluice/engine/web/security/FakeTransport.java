package io.sluice.engine.web.security;

import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.engine.testing.RecordingTopicAdmin;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** In-memory ports in place of the Kafka transport. */
@TestConfiguration
class FakeTransport {
    @Bean
    RecordingControlChannel controlChannel() {
        return new RecordingControlChannel();
    }

    @Bean
    RecordingTopicAdmin topicAdmin() {
        return new RecordingTopicAdmin();
    }

    static final String SPEC = """
            {"name": "secured", "parallelism": 1, "operators": [
              {"id": "lines", "type": "generator", "kind": "sequence", "count": 10},
              {"id": "out", "type": "print", "input": "lines"}
            ]}""";
}
