package io.sluice.deploy;

import io.sluice.deploy.Repository.Document;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment Kubernetes gives a container of a manifest: literal values with {@code $(VAR)} references
 * expanded, ConfigMap keys, and the downward API fields the manifests use (from a simulated pod).
 */
final class ManifestEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    record Pod(String name, String ip) {}

    private ManifestEnvironment() {}

    static Map<String, String> of(List<Document> documents, String deployment, Pod pod) {
        Document workload = documents.stream()
                .filter(d -> PodTemplates.WORKLOADS.contains(d.kind()) && d.name().equals(deployment))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + deployment));
        Map<String, Object> container = PodTemplates.containers(workload).get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> var : PodTemplates.env(container)) {
            String name = (String) var.get("name");
            if (var.get("value") != null) {
                env.put(name, expand(String.valueOf(var.get("value")), env));
            } else {
                env.put(name, valueFrom(documents, Yamls.map(var, "valueFrom"), pod));
            }
        }
        return env;
    }

    private static String valueFrom(List<Document> documents, Map<String, Object> source, Pod pod) {
        if (source.get("configMapKeyRef") != null) {
            Map<String, Object> ref = Yamls.map(source, "configMapKeyRef");
            Document configMap = documents.stream()
                    .filter(d -> d.kind().equals("ConfigMap") && d.name().equals(ref.get("name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + ref));
            Object value = Yamls.map(configMap.content(), "data").get(ref.get("key"));
            if (value == null) {
                throw new AssertionError("no key " + ref);
            }
            return String.valueOf(value);
        }
        String field = (String) Yamls.map(source, "fieldRef").get("fieldPath");
        return switch (field) {
            case "metadata.name" -> pod.name();
            case "status.podIP" -> pod.ip();
            default -> throw new AssertionError("the test pod has no field " + field);
        };
    }

    /** Kubernetes expands references to variables defined earlier in the list; others stay as written. */
    private static String expand(String value, Map<String, String> defined) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = defined.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }
}
