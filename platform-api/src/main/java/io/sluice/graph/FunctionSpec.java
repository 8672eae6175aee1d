package io.sluice.graph;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** User logic attached to an operator or a key selector. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FunctionSpec.Expression.class, name = "expression"),
    @JsonSubTypes.Type(value = FunctionSpec.Projection.class, name = "projection"),
    @JsonSubTypes.Type(value = FunctionSpec.JavaFunction.class, name = "java")
})
public sealed interface FunctionSpec {

    /** A sandboxed Spring Expression Language expression evaluated against the record (a row). */
    record Expression(String source) implements FunctionSpec {}

    /** Builds a new row: each output field is an expression over the input record. Order is kept. */
    record Projection(Map<String, String> fields) implements FunctionSpec {
        public Projection {
            fields = new LinkedHashMap<>(fields);
        }
    }

    /** A Java function object (a Serializable lambda or class) in Java serialization form. */
    record JavaFunction(byte[] serialized) implements FunctionSpec {
        @Override
        public boolean equals(Object o) {
            return o instanceof JavaFunction other && Arrays.equals(serialized, other.serialized);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(serialized);
        }

        @Override
        public String toString() {
            return "JavaFunction[" + serialized.length + " bytes]";
        }
    }
}
