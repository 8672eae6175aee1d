package io.sluice.engine.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The engine's Kafka transport replaced by in-memory fakes, for REST tests on a real server
 * ({@code @Import(FakeKafkaTransport.class)} with {@code sluice.engine.kafka.enabled=false}).
 */
@TestConfiguration
public class FakeKafkaTransport {

    @Bean
    public RecordingControlChannel controlChannel() {
        return new RecordingControlChannel();
    }

    @Bean
    public RecordingTopicAdmin topicAdmin() {
        return new RecordingTopicAdmin();
    }
}
