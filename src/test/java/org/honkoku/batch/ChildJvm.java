package org.honkoku.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * honkoku's own command line in a child JVM (this test run's classpath, {@code org.honkoku.Honkoku}), as an
 * archive's nightly run starts it, against an H2 file database that the test holds open with
 * {@code AUTO_SERVER}: the children reach it over TCP, so killing one leaves the database to the others.
 */
public final class ChildJvm {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    /** The java command line that runs honkoku's main class with this JVM's classpath, as the launcher would. */
    public static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx1500m",
                "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=6G",
                "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-Dhonkoku.home=" + Path.of("").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "org.honkoku.Honkoku");
    }

    Process process() {
        return process;
    }

    /** Waits for the child to end; its exit code, or an assertion error with its output when it hangs. */
    int exitCode(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL on Linux: no shutdown hook, no finally, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A connection that keeps the database open in this JVM (and so its AUTO_SERVER here). */
    static Connection holdDatabase(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    /**
     * Distinct small pages cut from the sample scans: {@code perScan} overlapping bands of columns from each,
     * different bytes (so different page identities) and quicker to transcribe than whole pages.
     */
    public static List<Path> pages(Path dir, int perScan) throws IOException {
        OpenCvLoader.load();
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (String scan : List.of("100241706_00004_2.jpg", "brsk001-009.jpg", "hnsd001-011.jpg")) {
            Mat page = Imgcodecs.imread(Path.of("samples", scan).toString(), Imgcodecs.IMREAD_GRAYSCALE);
            int band = page.cols() * 2 / (perScan + 1);
            for (int i = 0; i < perScan; i++) {
                int x = i * (page.cols() - band) / Math.max(1, perScan - 1);
                Mat crop = page.submat(new Rect(x, 0, band, page.rows()));
                Path file = dir.resolve(scan.replace(".jpg", "") + "-band" + i + ".png");
                Imgcodecs.imwrite(file.toString(), crop);
                written.add(file);
            }
            page.release();
        }
        return written;
    }
}
