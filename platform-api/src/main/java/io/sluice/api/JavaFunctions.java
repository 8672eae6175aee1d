package io.sluice.api;

import io.sluice.graph.FunctionSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;

/** Turns user function objects (lambdas, classes; also of the windowing factories) into {@link FunctionSpec.JavaFunction}s (Java serialization), failing fast. */
public final class JavaFunctions {

    private JavaFunctions() {}

    public static FunctionSpec.JavaFunction serialize(Serializable function) {
        Objects.requireNonNull(function, "function");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(function);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("function " + function.getClass().getName()
                    + " is not serializable: it holds a " + e.getMessage() + ", which is not Serializable"
                    + " (a lambda may capture only Serializable values)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("function " + function.getClass().getName()
                    + " could not be serialized: " + e, e);
        }
        return new FunctionSpec.JavaFunction(bytes.toByteArray());
    }
}
