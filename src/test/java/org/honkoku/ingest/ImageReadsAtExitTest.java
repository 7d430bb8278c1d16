package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A page being loaded when the JVM begins to shut down (SIGTERM: the run finishes the pages in hand) is loaded
 * as usual. ImageIO's file-cached streams are closed by a JDK shutdown hook of their own, under the reader's
 * feet, and one opened after shutdown began throws "Shutdown in progress": a run stopped by SIGTERM marked the
 * image it was reading FAILED as "corrupt PNG header: I/O error reading PNG header!" (seen in CrashRestartTest),
 * and a PDF page of JPEG scans would fail the same way. The child JVM ({@link ImageReadsAtExit}) reads image
 * headers and a PDF page on many threads without pause while it exits; before the fix, every one of eight such
 * children saw failed reads.
 */
class ImageReadsAtExitTest {

    @Test
    void pagesInHandAtShutdownLoadWithoutFailing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ImageReadsAtExit.class.getName())).redirectErrorStream(true).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("reads after exit began: (\\d+), failed reads: (\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("reads done while the JVM shut down: %s", output).isPositive();
        assertThat(Integer.parseInt(m.group(2))).as(output).isZero();
    }
}
