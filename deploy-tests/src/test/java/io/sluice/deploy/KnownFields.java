package io.sluice.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Finds fields a manifest uses that its kind does not have (allow-list in k8s-fields.yaml). */
final class KnownFields {

    private final Map<String, Object> kinds;
    private final Map<String, Object> types;

    private KnownFields(Map<String, Object> kinds, Map<String, Object> types) {
        this.kinds = kinds;
        this.types = types;
    }

    static KnownFields load() {
        try (InputStream in = KnownFields.class.getResourceAsStream("/k8s-fields.yaml")) {
            Map<String, Object> all = Yamls.asMap(new Yaml().load(in), "k8s-fields.yaml");
            return new KnownFields(Yamls.map(all, "kinds"), Yamls.map(all, "types"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean knowsKind(String kind) {
        return kinds.containsKey(kind);
    }

    /** Paths like {@code spec.template.spec.containers[0].imagee} of the fields the type does not have. */
    List<String> unknownFields(String kind, Map<String, Object> object) {
        List<String> unknown = new ArrayList<>();
        check(Yamls.asMap(kinds.get(kind), kind), object, "", unknown);
        return unknown;
    }

    private void check(Map<String, Object> allowed, Map<String, Object> object, String path, List<String> unknown) {
        object.forEach((key, value) -> {
            String here = path.isEmpty() ? key : path + "." + key;
            Object type = allowed.get(key);
            if (type == null) {
                unknown.add(here);
            } else if (!"-".equals(type) && value != null) {
                String name = (String) type;
                if (name.startsWith("[")) {
                    Map<String, Object> element = type(name.substring(1, name.length() - 1));
                    List<Object> list = Yamls.asList(value, here);
                    for (int i = 0; i < list.size(); i++) {
                        check(element, Yamls.asMap(list.get(i), here + "[" + i + "]"), here + "[" + i + "]", unknown);
                    }
                } else {
                    check(type(name), Yamls.asMap(value, here), here, unknown);
                }
            }
        });
    }

    private Map<String, Object> type(String name) {
        return Yamls.asMap(types.get(name), "type " + name);
    }
}
