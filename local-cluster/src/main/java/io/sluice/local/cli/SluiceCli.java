package io.sluice.local.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The {@code sluice} command-line client: submits, lists and cancels jobs through the engine's REST API
 * ({@code $SLUICE_REST}, default {@code http://localhost:8081}) and prints topics from Kafka
 * ({@code $SLUICE_KAFKA}, default {@code localhost:9092}).
 */
public final class SluiceCli {

    static final String USAGE = """
            usage: sluice <command> [args]

              run FILE.json          submit a JSON job spec; prints the job id
              list                   list jobs: id, name, state, start time
              cancel JOB_ID          cancel a job
              status                 cluster overview (task managers, slots, jobs)
              tail TOPIC [--from-beginning] [--max N] [--bootstrap HOST:PORT]
                                     print a topic's records as key<TAB>value; follows it
                                     until Ctrl-C unless --max N is given

            environment: SLUICE_REST (default http://localhost:8081), SLUICE_KAFKA (default localhost:9092),
                         SLUICE_TOKEN (API token; ./sluice sets it from .sluice/token)
            exit codes: 0 ok, 1 request refused or failed, 2 usage error, 3 engine or Kafka not reachable
            """;

    private SluiceCli() {}

    public static void main(String[] args) {
        // The Kafka client logs retries at WARN; the CLI reports problems itself.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                StandardCharsets.UTF_8);
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(new ArrayDeque<>(Arrays.asList(args)), out, err);
        } catch (CliException e) {
            out.flush();
            err.println(e.getMessage());
            if (e.exitCode() == ExitCodes.USAGE) {
                err.println("(sluice help lists the commands)");
            }
            return e.exitCode();
        }
    }

    private static int dispatch(Deque<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "no command given");
        }
        String command = args.removeFirst();
        String rest = env("SLUICE_REST", "http://localhost:8081");
        EngineCommands engine = new EngineCommands(new EngineClient(rest, System.getenv("SLUICE_TOKEN")), out, err);
        return switch (command) {
            case "run" -> engine.run(Path.of(single(args, "run FILE.json")));
            case "list" -> {
                none(args, "list");
                yield engine.list();
            }
            case "cancel" -> engine.cancel(single(args, "cancel JOB_ID"));
            case "status" -> {
                none(args, "status");
                yield engine.status();
            }
            case "tail" -> tail(args, out, err);
            case "help", "-h", "--help" -> {
                out.print(USAGE);
                yield ExitCodes.OK;
            }
            default -> throw new CliException(ExitCodes.USAGE, "unknown command: " + command);
        };
    }

    private static int tail(Deque<String> args, PrintStream out, PrintStream err) {
        String topic = null;
        boolean fromBeginning = false;
        long max = 0;
        String bootstrap = env("SLUICE_KAFKA", "localhost:9092");
        while (!args.isEmpty()) {
            String arg = args.removeFirst();
            switch (arg) {
                case "--from-beginning" -> fromBeginning = true;
                case "--max" -> max = positive(value(args, arg), arg);
                case "--bootstrap" -> bootstrap = value(args, arg);
                default -> {
                    if (arg.startsWith("-") || topic != null) {
                        throw new CliException(ExitCodes.USAGE, "tail: unexpected argument " + arg);
                    }
                    topic = arg;
                }
            }
        }
        if (topic == null) {
            throw new CliException(ExitCodes.USAGE, "tail: which topic?");
        }
        if (!bootstrap.matches("[^,:]+:\\d+(,[^,:]+:\\d+)*")) {
            throw new CliException(ExitCodes.USAGE, "tail: --bootstrap wants host:port, got " + bootstrap);
        }
        return new TopicTail(bootstrap, topic, fromBeginning, max, out, err).run();
    }

    private static String single(Deque<String> args, String usage) {
        if (args.size() != 1) {
            throw new CliException(ExitCodes.USAGE, "usage: sluice " + usage);
        }
        return args.removeFirst();
    }

    private static void none(Deque<String> args, String command) {
        if (!args.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, command + " takes no arguments, got " + args);
        }
    }

    private static String value(Deque<String> args, String option) {
        if (args.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, option + " needs a value");
        }
        return args.removeFirst();
    }

    private static long positive(String value, String option) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new CliException(ExitCodes.USAGE, option + " wants a positive number, got " + value);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
