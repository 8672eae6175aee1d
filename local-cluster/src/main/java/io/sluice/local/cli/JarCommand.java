package io.sluice.local.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code sluice run APP.jar [--class NAME] [--parallelism N] [--] [ARGS...]}: uploads the jar
 * ({@code POST /jars/upload}) and runs it ({@code POST /jars/{id}/run}); prints the job id. Options come right
 * after the jar; the first other argument (or everything after {@code --}) starts the program's arguments.
 */
final class JarCommand {

    static final String USAGE = "run APP.jar [--class NAME] [--parallelism N] [--] [ARGS...]";

    private final Path jar;
    private final String entryClass;
    private final Integer parallelism;
    private final List<String> programArgs;

    private JarCommand(Path jar, String entryClass, Integer parallelism, List<String> programArgs) {
        this.jar = jar;
        this.entryClass = entryClass;
        this.parallelism = parallelism;
        this.programArgs = List.copyOf(programArgs);
    }

    /** Parses the arguments after {@code run APP.jar}. */
    static JarCommand parse(Path jar, Deque<String> args) {
        String entryClass = null;
        Integer parallelism = null;
        List<String> programArgs = new ArrayList<>();
        while (!args.isEmpty()) {
            String arg = args.removeFirst();
            switch (arg) {
                case "--class", "-c" -> entryClass = value(args, arg);
                case "--parallelism", "-p" -> parallelism = positive(value(args, arg), arg);
                case "--" -> {
                    programArgs.addAll(args);
                    args.clear();
                }
                default -> {
                    programArgs.add(arg);
                    programArgs.addAll(args);
                    args.clear();
                }
            }
        }
        return new JarCommand(jar, entryClass, parallelism, programArgs);
    }

    int run(EngineClient engine, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(jar)) {
            throw new CliException(ExitCodes.FAILED, "no such file: " + jar);
        }
        EngineClient.Response uploaded = engine.upload("/jars/upload", "jarfile", jar);
        if (!uploaded.ok()) {
            throw new CliException(ExitCodes.FAILED, "upload of " + jar + " refused: " + uploaded.failure());
        }
        String jarId = uploaded.json().path("id").asString("");
        if (jarId.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "the engine stored the jar but sent no id: " + uploaded.body());
        }
        Map<String, Object> request = new LinkedHashMap<>();
        if (entryClass != null) {
            request.put("entryClass", entryClass);
        }
        if (parallelism != null) {
            request.put("parallelism", parallelism);
        }
        request.put("programArgsList", programArgs);
        EngineClient.Response ran = engine.post("/jars/" + jarId + "/run", EngineClient.JSON.writeValueAsString(request));
        if (!ran.ok()) {
            err.println("Jar " + jar + " (uploaded as " + jarId + ") did not start: " + ErrorBody.message(ran));
            JsonNode output = parse(ran).path("output");
            if (output.isString() && !output.asString().isBlank()) {
                err.println("Its output:");
                output.asString().lines().forEach(line -> err.println("  " + line));
            }
            return ExitCodes.FAILED;
        }
        out.println(ran.json().path("jobid").asString(""));
        return ExitCodes.OK;
    }

    private static JsonNode parse(EngineClient.Response response) {
        try {
            return response.json();
        } catch (CliException notJson) {
            return EngineClient.JSON.createObjectNode();
        }
    }

    private static String value(Deque<String> args, String option) {
        if (args.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "run: " + option + " needs a value");
        }
        return args.removeFirst();
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new CliException(ExitCodes.USAGE, "run: " + option + " wants a positive number, got " + text);
    }
}
