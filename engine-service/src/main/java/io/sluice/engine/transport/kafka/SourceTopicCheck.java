package io.sluice.engine.transport.kafka;

import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.json.SpecCheck;
import io.sluice.graph.json.SpecError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * The policy {@code sluice.engine.require-existing-source-topics}: every kafka-source's topic must exist on its
 * broker (its own {@code bootstrap-servers}, else the cluster's) when the job is submitted. Asked with a short-lived
 * admin client per broker and a short timeout; a broker that does not answer is an error at the source too (the
 * topic cannot be shown to exist), never a server error.
 */
public final class SourceTopicCheck implements SpecCheck {

    private final KafkaClientConfigs cluster;
    private final Duration timeout;

    public SourceTopicCheck(KafkaClientConfigs cluster, Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
    }

    @Override
    public List<SpecError> check(JobGraph graph, Map<String, String> paths) {
        Map<String, List<VertexSpec>> sourcesByBroker = new LinkedHashMap<>();
        for (VertexSpec vertex : graph.vertices()) {
            if (vertex.operator() instanceof OperatorSpec.KafkaSource source) {
                String broker = source.bootstrapServers() == null ? cluster.bootstrapServers() : source.bootstrapServers();
                sourcesByBroker.computeIfAbsent(broker, b -> new ArrayList<>()).add(vertex);
            }
        }
        List<SpecError> errors = new ArrayList<>();
        sourcesByBroker.forEach((broker, sources) -> {
            try {
                Set<String> topics = topics(broker);
                for (VertexSpec vertex : sources) {
                    String topic = ((OperatorSpec.KafkaSource) vertex.operator()).topic();
                    if (!topics.contains(topic)) {
                        errors.add(new SpecError(paths.get(vertex.id()) + ".topic", "topic '" + topic
                                + "' does not exist on " + broker + " (the cluster requires existing source topics)"));
                    }
                }
            } catch (Exception e) {
                for (VertexSpec vertex : sources) {
                    errors.add(new SpecError(paths.get(vertex.id()) + ".topic", "cannot check that topic '"
                            + ((OperatorSpec.KafkaSource) vertex.operator()).topic() + "' exists: Kafka at " + broker
                            + " " + reason(e) + " (the cluster requires existing source topics)"));
                }
            }
        });
        return errors;
    }

    private Set<String> topics(String broker) throws Exception {
        int millis = (int) timeout.toMillis();
        Map<String, Object> config = new KafkaClientConfigs(broker, cluster.security()).client(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "sluice-engine-source-check",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis));
        Admin admin = Admin.create(config);
        try {
            return admin.listTopics(new ListTopicsOptions().timeoutMs(millis)).names()
                    .get(millis, TimeUnit.MILLISECONDS);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private String reason(Exception e) {
        if (e instanceof TimeoutException
                || e instanceof ExecutionException && e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "did not answer within " + timeout.toMillis() + " ms";
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return "cannot be reached (" + cause.getMessage() + ")";
    }
}
