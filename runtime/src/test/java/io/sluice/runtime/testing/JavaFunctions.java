package io.sluice.runtime.testing;

import io.sluice.graph.FunctionSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/** Java functions as a job carries them: in Java serialization form. */
public final class JavaFunctions {

    private JavaFunctions() {}

    /** A serializable function (a lambda cast to a function interface, or an object) as a FunctionSpec. */
    public static FunctionSpec.JavaFunction of(Serializable function) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(function);
        } catch (IOException e) {
            throw new UncheckedIOException("function is not serializable: " + function, e);
        }
        return new FunctionSpec.JavaFunction(bytes.toByteArray());
    }
}
