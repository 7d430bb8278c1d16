package org.honkoku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.honkoku.batch.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/nightly.sh} as cron or systemd runs it, with honkoku itself behind it (this build's classpath
 * instead of the launcher's jar): it transcribes the watched folder with the settings file's limits (then, with ADAPT=yes, re-reads with the glyph memory) and logs
 * the run; a second start while it runs is refused by the lock with exit code 4; earlier logs are compressed
 * and only the newest kept.
 */
class NightlyScriptTest {

    private static final List<String> EARLIER = List.of("nightly-20000101-010000.log",
            "nightly-20000102-010000.log.gz", "nightly-20000103-010000.log.gz", "nightly-20000104-010000.log.gz");

    @Test
    void oneRunAtATimeOneLogPerRunOldLogsRotated(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("incoming"));
        Files.move(ChildJvm.pages(dir.resolve("bands"), 1).get(0), in.resolve("page.png"));
        Files.copy(Path.of("samples/three-pages.pdf"), in.resolve("book.pdf"));
        // the job's settings file: a PDF page limit the three-page PDF is over
        Path properties = Files.writeString(dir.resolve("transcribe.properties"), "honkoku.limits.max-pdf-pages=2\n");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        for (String old : EARLIER) {
            Files.writeString(logs.resolve(old), "an earlier night\n");
        }
        Path honkoku = dir.resolve("honkoku");
        Files.writeString(honkoku, "#!/bin/sh\nexec " + ChildJvm.javaCommand().stream().map(NightlyScriptTest::quoted)
                .collect(Collectors.joining(" ")) + " \"$@\"\n");
        Files.setPosixFilePermissions(honkoku, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path settings = dir.resolve("nightly.conf");
        Files.writeString(settings, String.join("\n",
                "INPUTS=(" + quoted(in.toString()) + ")",
                "DB=" + quoted("jdbc:h2:file:" + dir.resolve("db/honkoku")),
                "LOG_DIR=" + quoted(logs.toString()),
                "KEEP_LOGS=3",
                "CONFIG=" + quoted(properties.toString()),
                "ADAPT=yes",
                "HONKOKU=" + quoted(honkoku.toString()), ""));

        Process first = nightly(settings, dir.resolve("first.out"));
        waitForLock(logs);
        Process second = nightly(settings, dir.resolve("second.out"));
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("second.out"))).contains("another nightly run holds");
        assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.out")))
                .isEqualTo(RunSummary.SOME_PAGES_FAILED);

        assertThat(Files.readString(dir.resolve("first.out")))
                .contains("transcribe completed: 1 pages transcribed, 1 failed")
                // ADAPT=yes: the glyph memory's re-read after the run (nobody has reviewed anything: no page)
                .contains("reread --adapt: 0 pages read again")
                .contains("nightly: ended");
        List<String> kept;
        try (Stream<Path> files = Files.list(logs)) {
            kept = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("nightly-")).sorted().toList();
        }
        assertThat(kept).hasSize(3);
        assertThat(kept.subList(0, 2)).containsExactly("nightly-20000103-010000.log.gz",
                "nightly-20000104-010000.log.gz");
        String log = Files.readString(logs.resolve(kept.get(2)), StandardCharsets.UTF_8);
        assertThat(kept.get(2)).endsWith(".log");
        assertThat(log).contains("nightly: started").contains("transcribe completed")
                .contains("PDF has too many pages: 3, limit 2 (honkoku.limits.max-pdf-pages)")
                .contains("pages: 1 done, 1 failed, 0 pending, 0 running");
    }

    private static Process nightly(Path settings, Path output) throws Exception {
        return new ProcessBuilder("jobs/nightly.sh", settings.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
    }

    /** The first run has taken the lock once its log for this night exists. */
    private static void waitForLock(Path logs) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Stream<Path> files = Files.list(logs)) {
                if (files.anyMatch(f -> f.getFileName().toString().matches("nightly-\\d{8}-\\d{6}\\.log")
                        && !EARLIER.contains(f.getFileName().toString()))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first nightly run wrote no log");
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
