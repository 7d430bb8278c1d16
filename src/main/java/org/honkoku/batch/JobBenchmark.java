package org.honkoku.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.honkoku.CommandLine;
import org.honkoku.Defaults;
import org.honkoku.HonkokuApplication;
import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code benchmark --pages DIR [--copies N] [--keep-copies DIR] [--copies-only] [--db URL] [--model DIR]}: the
 * whole transcribe job on real pages, as {@code transcribe} runs it (the same step, threads, database writes),
 * measured: pages per second, each stage's seconds per page, CPU use, the peak resident memory, and how throughput
 * and memory develop over the run (ten stretches of equal page counts). {@code --copies N} runs over N re-encoded
 * copies of every image of DIR (JPEG qualities spread from 95 down to 50), for long runs and for comparisons on
 * more pages than DIR holds; {@code --copies-only} writes them (into {@code --keep-copies DIR}) and stops. The
 * database is a fresh H2 file in a temporary folder unless {@code --db} names one. Prints JSON; a measurement,
 * nothing fails on a slow machine.
 */
public final class JobBenchmark {

    private static final int HIGHEST_QUALITY = 95;
    private static final int LOWEST_QUALITY = 50;

    private JobBenchmark() {
    }

    public static int run(CommandLine line, PrintStream out) throws Exception {
        Path pages = Path.of(line.required("pages"));
        if (!Files.isDirectory(pages)) {
            throw new IllegalArgumentException("--pages: no such folder: " + pages);
        }
        Path scratch = Files.createTempDirectory("honkoku-benchmark");
        try {
            Path input = pages;
            long copying = System.nanoTime();
            if (line.options().containsKey("copies")) {
                int copies = Integer.parseInt(line.required("copies"));
                Path target = line.options().containsKey("keep-copies") ? Path.of(line.required("keep-copies"))
                        : scratch.resolve("pages");
                int written = writeCopies(pages, target, copies);
                System.err.println("benchmark: " + written + " re-encoded copies in " + target);
                input = target;
            }
            double copySeconds = (System.nanoTime() - copying) / 1e9;
            if (line.flag("copies-only")) {
                return 0;
            }
            String db = line.option("db", "jdbc:h2:file:" + scratch.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
            Path model = Path.of(line.option("model", Defaults.modelDir().toString()));
            ModelPreload.start(model);
            out.println(measure(input, db, model, copySeconds));
            return 0;
        } finally {
            org.honkoku.Folders.deleteTree(scratch);
        }
    }

    /** One sample of the run, taken every half second. */
    private record Sample(double seconds, int pagesEnded, double cpuSeconds, long residentBytes) {
    }

    /** @param copySeconds time spent writing copies, not counted as start-up */
    private static String measure(Path input, String db, Path model, double copySeconds) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HonkokuApplication.class)
                .registerShutdownHook(false)
                .run("--spring.datasource.url=" + db, "--honkoku.model=" + model.toAbsolutePath(),
                        "--spring.main.lazy-initialization=true", "--honkoku.progress.mode=off")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TranscribeCommand transcribe = context.getBean(TranscribeCommand.class);
            context.getBean(PipelineComponents.class).classifier(); // loaded before the clock starts, as transcribe does
            // from the JVM's start: what a transcribe command spends before its first page
            double startUp = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3 - copySeconds;

            List<Sample> samples = new ArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            long start = System.nanoTime();
            double cpuAtStart = cpuSeconds();
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    Integer ended = jdbc.queryForObject(
                            "SELECT COUNT(*) FROM page WHERE status IN ('DONE', 'FAILED')", Integer.class);
                    synchronized (samples) {
                        samples.add(new Sample((System.nanoTime() - start) / 1e9, ended == null ? 0 : ended,
                                cpuSeconds() - cpuAtStart, residentBytes("VmRSS")));
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "benchmark-sampler");
            sampler.setDaemon(true);
            sampler.start();
            int exit;
            PrintStream stdout = System.out;
            System.setOut(System.err); // the run's own summary line, beside the progress; stdout is the JSON
            try {
                exit = transcribe.run(List.of(input.toString()));
            } finally {
                System.setOut(stdout);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = cpuSeconds() - cpuAtStart;
            running.set(false);
            sampler.interrupt();
            sampler.join();
            Integer ended = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status IN ('DONE', 'FAILED')",
                    Integer.class);
            samples.add(new Sample(wall, ended == null ? 0 : ended, cpu, residentBytes("VmRSS")));

            var totals = jdbc.queryForMap("""
                    SELECT COUNT(*) AS pages, SUM(CASE WHEN status = 'DONE' THEN 1 ELSE 0 END) AS done,
                           SUM(load_ms) AS load_ms, SUM(segment_ms) AS segment_ms, SUM(classify_ms) AS classify_ms
                    FROM page""");
            int pages = ((Number) totals.get("PAGES")).intValue();
            int done = ((Number) totals.get("DONE")).intValue();
            int cores = Runtime.getRuntime().availableProcessors();
            StringBuilder json = new StringBuilder("{\n");
            field(json, "pages", String.valueOf(pages));
            field(json, "pages_done", String.valueOf(done));
            field(json, "exit_code", String.valueOf(exit));
            field(json, "page_threads", String.valueOf(context.getBean(PipelineComponents.class).pageThreads()));
            field(json, "cpu_cores", String.valueOf(cores));
            field(json, "start_up_seconds", num(startUp));
            field(json, "job_seconds", num(wall));
            field(json, "pages_per_second", num(pages / wall));
            field(json, "seconds_per_page", num(wall / pages));
            json.append("  \"stage_seconds_per_page\": {");
            String[] stages = {"load", "segment", "classify"};
            for (int i = 0; i < stages.length; i++) {
                Number ms = (Number) totals.get(stages[i].toUpperCase(Locale.ROOT) + "_MS");
                json.append(i == 0 ? "" : ", ").append('"').append(stages[i]).append("\": ")
                        .append(num(ms == null || done == 0 ? 0 : ms.doubleValue() / 1000 / done));
            }
            json.append("},\n");
            field(json, "cpu_seconds", num(cpu));
            field(json, "cpu_utilisation", num(cpu / (wall * cores)));
            field(json, "peak_resident_mb", num(residentBytes("VmHWM") / 1e6));
            json.append("  \"stretches\": ").append(stretches(samples, pages)).append("\n}");
            return json.toString();
        }
    }

    /**
     * The run in ten stretches of equal page counts: each one's pages per second and the resident memory at its
     * end, to show whether throughput stays flat and memory bounded.
     */
    private static String stretches(List<Sample> samples, int pages) {
        List<String> parts = new ArrayList<>();
        Sample previous = new Sample(0, 0, 0, 0);
        int parts10 = Math.min(10, pages);
        for (int k = 1; k <= parts10; k++) {
            int goal = (int) Math.ceil((double) pages * k / parts10);
            Sample reached = null;
            synchronized (samples) {
                for (Sample s : samples) {
                    if (s.pagesEnded() >= goal) {
                        reached = s;
                        break;
                    }
                }
            }
            if (reached == null || reached.seconds() <= previous.seconds()) {
                continue;
            }
            parts.add(String.format(Locale.ROOT, "{\"pages\": %d, \"pages_per_second\": %.3f, \"resident_mb\": %.0f}",
                    reached.pagesEnded(), (reached.pagesEnded() - previous.pagesEnded())
                            / (reached.seconds() - previous.seconds()), reached.residentBytes() / 1e6));
            previous = reached;
        }
        return "[\n    " + String.join(",\n    ", parts) + "\n  ]";
    }

    /**
     * Writes {@code copies} re-encoded JPEG copies of every image in {@code from} into {@code to}, the k-th
     * ({@code cK-NAME-qQ.jpg}) at a quality stepping from 95 down to 50; returns how many were written.
     */
    static int writeCopies(Path from, Path to, int copies) throws IOException {
        if (copies < 1) {
            throw new IllegalArgumentException("--copies must be at least 1");
        }
        OpenCvLoader.load();
        Files.createDirectories(to);
        List<Path> images;
        try (Stream<Path> files = Files.list(from)) {
            images = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(jpe?g|png|tiff?)")).sorted(Comparator.naturalOrder()).toList();
        }
        int written = 0;
        for (Path image : images) {
            Mat page = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_UNCHANGED);
            if (page.empty()) {
                continue;
            }
            String name = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            for (int k = 0; k < copies; k++) {
                int quality = copies == 1 ? HIGHEST_QUALITY
                        : HIGHEST_QUALITY - (int) Math.round((double) k * (HIGHEST_QUALITY - LOWEST_QUALITY) / (copies - 1));
                // the copy number first: the job takes files in path order, so every stretch of the run holds
                // every kind of page, and stretches compare
                Path copy = to.resolve(String.format(Locale.ROOT, "c%03d-%s-q%d.jpg", k + 1, name, quality));
                if (!Imgcodecs.imwrite(copy.toString(), page, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality))) {
                    throw new IOException("cannot write " + copy);
                }
                written++;
            }
            page.release();
        }
        return written;
    }

    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** A line of /proc/self/status in bytes ({@code VmRSS}: now; {@code VmHWM}: the peak), 0 where there is none. */
    private static long residentBytes(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (l.startsWith(key + ":")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
