package io.sluice.deploy;

import io.sluice.deploy.Repository.Document;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The pod templates of the workload documents (Deployments, StatefulSets, Jobs) and what is read from them. */
final class PodTemplates {

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job");

    private PodTemplates() {}

    static Map<String, Object> template(Document workload) {
        return Yamls.at(workload.content(), "spec.template");
    }

    static Map<String, Object> labels(Document workload) {
        return Yamls.mapOrEmpty(Yamls.map(template(workload), "metadata"), "labels");
    }

    static List<Map<String, Object>> containers(Document workload) {
        return Yamls.listOrEmpty(Yamls.map(template(workload), "spec"), "containers").stream()
                .map(c -> Yamls.asMap(c, workload + " container"))
                .toList();
    }

    static List<Map<String, Object>> ports(Map<String, Object> container) {
        return Yamls.listOrEmpty(container, "ports").stream().map(p -> Yamls.asMap(p, "port")).toList();
    }

    static List<Map<String, Object>> env(Map<String, Object> container) {
        return Yamls.listOrEmpty(container, "env").stream().map(e -> Yamls.asMap(e, "env")).toList();
    }

    /** The container port number a probe or Service names, by name or number. */
    static Optional<Integer> containerPort(Map<String, Object> container, Object port) {
        return ports(container).stream()
                .filter(p -> port instanceof Number n
                        ? n.intValue() == ((Number) p.get("containerPort")).intValue()
                        : port.equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue())
                .findFirst();
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }
}
