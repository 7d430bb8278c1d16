package org.honkoku;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.honkoku.batch.DistributedJobConfiguration;
import org.honkoku.batch.JobBenchmark;
import org.honkoku.batch.ModelPreload;
import org.honkoku.batch.PipelineComponents;
import org.honkoku.batch.TranscribeCommand;
import org.honkoku.batch.WorkerStepConfiguration;
import org.honkoku.classify.BenchmarkCommand;
import org.honkoku.classify.ClassifyCommand;
import org.honkoku.evaluate.EvaluateCommand;
import org.honkoku.evaluate.TuneBoxesCommand;
import org.honkoku.evaluate.TuneCommand;
import org.honkoku.evaluate.TuneGroupingCommand;
import org.honkoku.export.CropExporter;
import org.honkoku.export.ExportCommand;
import org.honkoku.export.IiifExport;
import org.honkoku.ops.JobsCommand;
import org.honkoku.remote.BrokerAddress;
import org.honkoku.remote.EmbeddedBroker;
import org.honkoku.remote.WorkerCommand;
import org.honkoku.remote.WorkerRegistry;
import org.honkoku.retry.ReprocessCommand;
import org.honkoku.search.SearchBenchmark;
import org.honkoku.search.SearchCommand;
import org.honkoku.train.TrainCommand;
import org.honkoku.users.UsersCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The command line. Commands that need the database (transcribe, retry-failed, reread, jobs, export, users,
 * serve, search)
 * start Spring; the others (classify, evaluate, tune, train, benchmark) are plain Java and start in a fraction of the time. Only
 * {@code serve} runs as a web application; the others keep application.properties' {@code none}.
 */
public final class Honkoku {

    static final String USAGE = """
            usage: honkoku COMMAND [OPTIONS]
              transcribe PATH...                    images (jpg, png, tif), PDFs or folders -> the database;
                                                    a IIIF manifest (URL or .json file): its canvases' images
                                                    are fetched into data/iiif and transcribed
                                                    (resumes the last run over the same paths if it
                                                    crashed, was killed or stopped)
              transcribe --broker URL|embedded[:PORT] [--worker-timeout 10m] PATH...
                                                    the same, read by workers on other machines: this process
                                                    registers the pages and sends partitions of them to the
                                                    ActiveMQ Artemis broker (embedded: one in this process)
              worker --broker URL                   takes partitions of distributed runs from the broker and
                                                    transcribes them until stopped (SIGTERM: after the pages
                                                    in hand); --db must name the manager's database
              broker [--port 61616] [--data DIR]    a standalone ActiveMQ Artemis broker for distributed runs,
                                                    its messages kept in DIR (default data/broker), until stopped
              retry-failed [PATH...]                processes the failed pages again (of those paths, or all)
              reread [PATH...]                      reads the done pages another model read again with this
                                                    one (of those paths, or all); reviewed characters stay
              reread --adapt [PATH...]              reads the unreviewed characters of manuscripts whose glyph
                                                    memory (reviewed characters) grew since, with it
              jobs [--last N]                       the runs: counts, durations, status; and pages by status
              jobs --failed | --trace ID            failed pages with their reasons | one failure's stack trace
              export --format text|csv|kaggle|page|alto --out PATH [--reviewed-only]
                                                    transcribed pages in reading order (- = stdout; page and
                                                    alto write one XML file per page into the folder PATH)
              export --format crops --out DIR       every reviewed character's crop and labels.csv, as
                                                    train --fine-tune --crops reads them
              export --format tei --out DIR         a TEI P5 document per manuscript (facsimile zones per
                                                    column and character, text with pb/lb, @cert and @resp)
              export --format iiif --out DIR [--base-url URL]   a IIIF Presentation 3 manifest and images
                                                    per manuscript, the text as annotations, to publish at URL
              serve [--port N]                      the review web UI (default http://localhost:8080)
              search TEXT [--from N]                every page's transcription searched (reviewed readings
                                                    first): a line per hit, the hit in its context
              users add NAME [--role reviewer|admin] [--password-stdin]   who may sign in to the UI
              users list
              classify PATH...                      single-character crops -> CSV on stdout
              evaluate --images DIR --truth CSV     the pipeline on labelled pages -> metrics as JSON
              evaluate --truth CSV --kaggle CSV     scores an export in the kaggle format
              tune --images DIR --truth CSV --data DIR [--write]   reading context and box calibration,
                                                    chosen leave-one-book-out over the labelled books
              tune-boxes --images DIR --truth CSV [--write]   the "not a character" head and its threshold,
                                                    chosen leave-one-book-out over the labelled books
              tune-grouping --images DIR --truth CSV [--write]   the "one whole character" head the segmenter
                                                    groups with, chosen leave-one-book-out over the labelled books
              train --out DIR --data DIR [--max-minutes N] [--resume] [--fine-tune MODEL_DIR]   trains the classifier
              benchmark [--model DIR] [--update]    the classifier's crops/s at batch 1, 32, 128 and peak memory
              benchmark --pages DIR [--copies N] [--keep-copies DIR] [--copies-only] [--db URL]
                                                    the whole transcribe job on the pages (or N re-encoded copies
                                                    of each): pages/s, stage seconds, CPU use, peak memory (JSON)
              benchmark --search [--chars N] [--db URL] [--data DIR]
                                                    search on N (1,000,000) characters of real transcriptions:
                                                    indexing time, index size, query times (JSON)
            common options: --db JDBC_URL (default: H2 file ./data/honkoku), --model DIR (default: models/default),
                            --config FILE (settings such as honkoku.limits.* for the commands that use the database)
            exit codes: 0 done, 1 failed, 2 usage error, 3 finished but some pages failed""";

    private Honkoku() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "transcribe", "worker", "retry-failed", "reread", "jobs", "export", "users", "serve", "search" ->
                        runWithSpring(command, List.of(rest));
                case "classify" -> ClassifyCommand.run(rest);
                case "evaluate" -> EvaluateCommand.run(rest);
                case "tune" -> TuneCommand.run(rest);
                case "tune-boxes" -> TuneBoxesCommand.run(rest);
                case "tune-grouping" -> TuneGroupingCommand.run(rest);
                case "train" -> TrainCommand.run(rest);
                case "benchmark" -> Arrays.asList(rest).contains("--search")
                        ? SearchBenchmark.run(CommandLine.parse(List.of(rest), Set.of("chars", "db", "data"), Set.of("search")),
                        new PrintStream(System.out, true, StandardCharsets.UTF_8))
                        : Arrays.asList(rest).contains("--pages")
                        ? JobBenchmark.run(CommandLine.parse(List.of(rest),
                                Set.of("pages", "copies", "keep-copies", "db", "model"), Set.of("copies-only")),
                        new PrintStream(System.out, true, StandardCharsets.UTF_8))
                        : BenchmarkCommand.run(rest);
                case "warm-up" -> WarmUp.run();
                case "broker" -> broker(CommandLine.parse(List.of(rest), Set.of("port", "data"), Set.of()));
                default -> throw new IllegalArgumentException("unknown command '" + command + "'\n" + USAGE);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("honkoku " + command + ": " + e.getMessage());
            return 2;
        } catch (BrokerAddress.BrokerUnreachableException e) {
            System.err.println("honkoku " + command + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("honkoku " + command + ": failed: " + e);
            return 1;
        }
    }

    private static int runWithSpring(String command, List<String> args) throws Exception {
        CommandLine line = switch (command) {
            case "export" -> CommandLine.parse(args, Set.of("db", "model", "config", "format", "out", "base-url"),
                    Set.of("reviewed-only"));
            case "users" -> CommandLine.parse(args, Set.of("db", "config", "role"), Set.of("password-stdin"));
            case "serve" -> CommandLine.parse(args, Set.of("db", "model", "config", "port"), Set.of());
            case "jobs" -> CommandLine.parse(args, Set.of("db", "config", "last", "trace"), Set.of("failed"));
            case "search" -> CommandLine.parse(args, Set.of("db", "config", "from"), Set.of());
            case "reread" -> CommandLine.parse(args, Set.of("db", "model", "config"), Set.of("adapt"));
            case "transcribe" -> CommandLine.parse(args, Set.of("db", "model", "config", "broker", "worker-timeout"),
                    Set.of());
            case "worker" -> CommandLine.parse(args, Set.of("db", "model", "config", "broker"), Set.of());
            default -> CommandLine.parse(args, Set.of("db", "model", "config"), Set.of());
        };
        // Handed to Spring as its own command-line arguments, which outrank application.properties.
        List<String> springArgs = new ArrayList<>();
        if (line.options().containsKey("db")) {
            springArgs.add("--spring.datasource.url=" + keptOpenOnSignal(line.required("db")));
        }
        if (line.options().containsKey("model")) {
            springArgs.add("--honkoku.model=" + line.required("model"));
        }
        if (line.options().containsKey("config")) {
            Path config = Path.of(line.required("config")).toAbsolutePath();
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("no such settings file: " + config);
            }
            springArgs.add("--spring.config.additional-location=file:" + config);
        }
        if (command.equals("serve")) {
            return serve(line, springArgs);
        }
        BrokerAddress broker = line.options().containsKey("broker") ? BrokerAddress.parse(line.required("broker"))
                : null;
        if (command.equals("worker")) {
            if (broker == null) {
                throw new IllegalArgumentException("worker needs --broker URL (the manager's broker)");
            }
            if (!line.positional().isEmpty()) {
                throw new IllegalArgumentException("worker takes no paths: the manager sends it pages");
            }
            if (broker.embedded()) {
                throw new IllegalArgumentException("a worker reaches the manager's broker: --broker tcp://HOST:PORT");
            }
            // before anything is written: a worker that cannot reach its broker would take nothing
            broker.check();
        }
        if (line.options().containsKey("worker-timeout")) {
            if (broker == null) {
                throw new IllegalArgumentException("--worker-timeout goes with --broker");
            }
            springArgs.add("--honkoku.remote.worker-timeout=" + line.required("worker-timeout"));
        }
        if (broker != null) {
            springArgs.add("--honkoku.remote.broker=" + line.required("broker"));
            springArgs.add("--spring.profiles.active=" + (command.equals("worker") ? WorkerStepConfiguration.PROFILE
                    : DistributedJobConfiguration.PROFILE));
            if (command.equals("worker")) {
                springArgs.add("--honkoku.worker.id=" + WorkerRegistry.newWorkerId());
            }
        } else {
            // Beans are made when first used: a command uses a few of the many the review UI needs. (Not for a
            // distributed run: its message flows are beans that nothing asks for by name.)
            springArgs.add("--spring.main.lazy-initialization=true");
        }
        if (Set.of("transcribe", "retry-failed", "reread", "worker").contains(command) && !line.flag("adapt")
                && !(command.equals("transcribe") && broker != null)) {
            ModelPreload.start(line.options().containsKey("model") ? Path.of(line.required("model"))
                    : Defaults.modelDir());
        }
        if (command.equals("transcribe") && broker != null) {
            if (!broker.embedded()) {
                broker.check();
                return withContext(command, line, springArgs);
            }
            try (EmbeddedBroker embedded = EmbeddedBroker.start(broker.port())) {
                return withContext(command, line, springArgs);
            }
        }
        return withContext(command, line, springArgs);
    }

    private static int withContext(String command, CommandLine line, List<String> springArgs) throws Exception {
        // No shutdown hook of Spring's: on SIGTERM a running job is stopped first (StopOnSignal), with the
        // database still open; the context is closed here when the command returns.
        try (ConfigurableApplicationContext context = start(command, line, springArgs)) {
            if (command.equals("worker")) {
                return worker(context);
            }
            if (command.equals("transcribe")) {
                return context.getBean(TranscribeCommand.class).run(line.positional());
            }
            if (command.equals("retry-failed")) {
                return context.getBean(ReprocessCommand.class).retryFailed(line.positional());
            }
            if (command.equals("reread")) {
                return context.getBean(ReprocessCommand.class).reread(line.positional(), line.flag("adapt"));
            }
            if (command.equals("jobs")) {
                if (!line.positional().isEmpty()) {
                    throw new IllegalArgumentException("jobs takes no paths");
                }
                return context.getBean(JobsCommand.class).run(line, System.out);
            }
            if (command.equals("search")) {
                String from = line.option("from", "0");
                if (!from.matches("\\d{1,9}")) {
                    throw new IllegalArgumentException("--from takes the number of hits to skip, not '" + from + "'");
                }
                return context.getBean(SearchCommand.class).run(line.positional(), Integer.parseInt(from),
                        new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err);
            }
            if (command.equals("users")) {
                return context.getBean(UsersCommand.class).run(line, System.in, System.out);
            }
            if (!line.positional().isEmpty()) {
                throw new IllegalArgumentException("export takes no paths (did you mean --out?)");
            }
            if (line.required("format").equals("crops")) {
                if (line.flag("reviewed-only")) {
                    throw new IllegalArgumentException("crops are always the reviewed characters: no --reviewed-only");
                }
                var written = context.getBean(CropExporter.class).write(Path.of(line.required("out")));
                System.err.println("export: " + written.crops() + " reviewed characters written to "
                        + line.required("out") + " with labels.csv" + (written.pagesSkipped() > 0
                        ? "; " + written.pagesSkipped() + " pages skipped (their scans cannot be read, see the log)" : ""));
                return written.pagesSkipped() > 0 ? 3 : 0;
            }
            if (line.options().containsKey("base-url") && !line.required("format").equals("iiif")) {
                throw new IllegalArgumentException("--base-url applies to --format iiif");
            }
            if (line.required("format").equals("iiif")) {
                int pages = context.getBean(IiifExport.class).write(Path.of(line.required("out")),
                        line.option("base-url", IiifExport.DEFAULT_BASE_URL));
                System.err.println("export: " + pages + " pages written to " + line.required("out")
                        + " as IIIF manifests with their images");
                return 0;
            }
            int pages = context.getBean(ExportCommand.class)
                    .run(line.required("format"), line.required("out"), line.flag("reviewed-only"));
            System.err.println("export: " + pages + " pages written to " + line.required("out"));
            return 0;
        }
    }

    private static ConfigurableApplicationContext start(String command, CommandLine line, List<String> springArgs) {
        try {
            // export needs the database and the exporters only: a smaller context, started in half the time
            Class<?> application = command.equals("export") ? ExportApplication.class : HonkokuApplication.class;
            return new SpringApplicationBuilder(application).registerShutdownHook(false)
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (!command.equals("worker")) {
                throw e;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("cannot start on the database " + line.option("db", "(default)") + ": "
                    + root.getMessage(), e);
        }
    }

    /** Runs a standalone broker until the process is stopped. */
    private static int broker(CommandLine line) throws Exception {
        if (!line.positional().isEmpty()) {
            throw new IllegalArgumentException("broker takes no paths");
        }
        int port = BrokerAddress.port(line.option("port", String.valueOf(BrokerAddress.DEFAULT_PORT)));
        Path data = Path.of(line.option("data", "data/broker")).toAbsolutePath();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (EmbeddedBroker broker = EmbeddedBroker.start(port, data)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "broker-stop"));
            System.err.println("honkoku broker: listening on port " + port + ", messages kept in " + data
                    + " (SIGTERM or Ctrl-C stops it)");
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** Runs a worker until the process is stopped ({@link WorkerCommand}). */
    private static int worker(ConfigurableApplicationContext context) throws Exception {
        // a missing or broken model is the installation's fault: said before a partition is taken
        context.getBean(PipelineComponents.class).classifier();
        return context.getBean(WorkerCommand.class).run();
    }

    /**
     * H2 closes an embedded database from a shutdown hook of its own, which on SIGTERM would race the hook that
     * stops a running job cleanly (StopOnSignal): the job could not record its end. Closing is left to the
     * command (and H2's recovery after a kill is the same either way). H2 refuses this together with
     * AUTO_SERVER: there a SIGTERM may end the run like a kill, which the next run recovers from.
     */
    static String keptOpenOnSignal(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (!url.startsWith("jdbc:h2:") || upper.contains("DB_CLOSE_ON_EXIT") || upper.contains("AUTO_SERVER=TRUE")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Runs the review UI until the process is stopped (Ctrl-C closes the context, then this returns). */
    private static int serve(CommandLine line, List<String> springArgs) throws InterruptedException {
        int port = Integer.parseInt(line.option("port", "8080"));
        springArgs.add("--spring.main.web-application-type=servlet");
        springArgs.add("--server.port=" + port);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HonkokuApplication.class)
                .run(springArgs.toArray(String[]::new));
        // Load the model now, beside the server: the first split, merge or lookup need not wait for it,
        // and a broken model shows at start-up (reviewing readings works without it).
        Thread warmUp = new Thread(() -> {
            try {
                context.getBean(PipelineComponents.class).classifier();
            } catch (RuntimeException e) {
                System.err.println("honkoku serve: the model cannot be loaded (" + e.getMessage()
                        + "): split, merge and draw to look up will fail");
            }
        }, "model-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        CountDownLatch closed = new CountDownLatch(1);
        // A lambda's event type cannot be read back by Spring, so it hears every event: filter here.
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        System.err.println("honkoku serve: the review UI is on http://localhost:" + port + "/ (Ctrl-C stops it)");
        closed.await();
        return 0;
    }
}
