package io.sluice.engine.jar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Body of {@code POST /jars/{jarid}/run} and {@code /plan} (Flink's names); every field is optional.
 *
 * @param entryClass the class to start; default: the manifest's Main-Class
 * @param programArgs program arguments as one string, split at whitespace
 * @param programArgsList program arguments one by one (taken after {@code programArgs})
 * @param parallelism replaces the job's default parallelism (operators that set their own keep it)
 * @param savepointPath a savepoint to start from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JarRunRequest(
        String entryClass, String programArgs, List<String> programArgsList, Integer parallelism, String savepointPath) {

    public static final JarRunRequest EMPTY = new JarRunRequest(null, null, null, null, null);

    /** The program's arguments. */
    public List<String> args() {
        List<String> args = new ArrayList<>();
        if (programArgs != null && !programArgs.isBlank()) {
            args.addAll(Arrays.asList(programArgs.trim().split("\\s+")));
        }
        if (programArgsList != null) {
            args.addAll(programArgsList);
        }
        return args;
    }
}
