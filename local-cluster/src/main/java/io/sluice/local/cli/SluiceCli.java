package io.sluice.local.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

              run FILE.json [--from-savepoint PATH [--allow-non-restored-state]] [--parallelism N]
                                     submit a JSON job spec (resumed from a savepoint, with another
                                     default parallelism); prints the job id
              savepoint JOB_ID [DIR] take a savepoint (into DIR, default the engine's savepoint-dir);
                                     waits, prints its location
              stop JOB_ID [DIR]      stop a job with a savepoint (sources stop, a last savepoint, FINISHED);
                                     prints the savepoint's location
              run APP.jar [--class NAME] [--parallelism N] [--] [ARGS...]
                                     upload a job jar and run its entry class (default: the
                                     manifest's Main-Class) with ARGS; prints the job id
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

    /** How long savepoint and stop wait for the savepoint. */
    static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(10);

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
        EngineClient client = new EngineClient(rest, System.getenv("SLUICE_TOKEN"));
        EngineCommands engine = new EngineCommands(client, out, err);
        return switch (command) {
            case "run" -> run(args, client, out, err, engine);
            case "savepoint" -> savepoint(args, engine, false);
            case "stop" -> savepoint(args, engine, true);
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

    private static int run(Deque<String> args, EngineClient client, PrintStream out, PrintStream err,
            EngineCommands engine) {
        if (!args.isEmpty() && args.peekFirst().endsWith(".jar")) {
            return JarCommand.parse(Path.of(args.removeFirst()), args).run(client, out, err);
        }
        String file = null;
        String savepoint = null;
        boolean allowNonRestored = false;
        int parallelism = 0;
        while (!args.isEmpty()) {
            String arg = args.removeFirst();
            switch (arg) {
                case "--from-savepoint" -> savepoint = value(args, arg);
                case "--allow-non-restored-state" -> allowNonRestored = true;
                case "--parallelism" -> parallelism = (int) Math.min(positive(value(args, arg), arg), Integer.MAX_VALUE);
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        throw new CliException(ExitCodes.USAGE, "run: unexpected argument " + arg);
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            throw new CliException(ExitCodes.USAGE, "usage: sluice run FILE.json [--from-savepoint PATH] [--parallelism N]");
        }
        if (allowNonRestored && savepoint == null) {
            throw new CliException(ExitCodes.USAGE, "--allow-non-restored-state goes with --from-savepoint");
        }
        return engine.run(Path.of(file), savepoint, allowNonRestored, parallelism);
    }

    /** {@code savepoint JOB_ID [DIR]} and {@code stop JOB_ID [DIR]}. */
    private static int savepoint(Deque<String> args, EngineCommands engine, boolean stop) {
        String command = stop ? "stop" : "savepoint";
        if (args.isEmpty() || args.size() > 2) {
            throw new CliException(ExitCodes.USAGE, "usage: sluice " + command + " JOB_ID [DIR]");
        }
        String jobId = args.removeFirst();
        Path directory = args.isEmpty() ? null : Path.of(args.removeFirst());
        return engine.savepoint(jobId, directory, stop, SAVEPOINT_TIMEOUT);
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
