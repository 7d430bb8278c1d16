package org.honkoku.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A child JVM for {@link ImageReadsAtExitTest}: threads read images without pause while the JVM shuts down, as
 * a run does on SIGTERM while it finishes the pages in hand: 32 read a PNG's header (what every page of an
 * image file goes through first; a read takes well under a millisecond, and with 32 at it one is almost
 * surely in progress when the shutdown begins), one loads a page of a PDF of JPEG scans (PDFBox decodes it through ImageIO). Prints how many
 * reads were done after shutdown began and how many of all failed, with the first failure.
 */
public final class ImageReadsAtExit {

    public static void main(String[] args) throws Exception {
        OpenCvLoader.load();
        Path samples = Path.of("samples");
        Mat scan = Imgcodecs.imread(samples.resolve("brsk001-009.jpg").toString(), Imgcodecs.IMREAD_GRAYSCALE);
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", scan, png);
        byte[] pngBytes = png.toArray();
        PageImageLoader loader = new PageImageLoader(InputLimits.defaults());
        PageRef pdfPage = new SourceInspector(InputLimits.defaults()).inspect(new SourceFile(
                samples.resolve("three-pages.pdf"), SourceKind.PDF, samples.resolve("three-pages.pdf"))).get(1);

        AtomicInteger reads = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        List<Runnable> work = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            work.add(() -> ImageHeader.read(pngBytes));
        }
        work.add(() -> loader.loadUnchanged(pdfPage).release());
        for (Runnable read : work) {
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        read.run();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                    reads.incrementAndGet();
                }
            }, "reads");
            t.setDaemon(true);
            t.start();
        }
        while (reads.get() < 100) {
            Thread.sleep(20);
        }
        int atExit = reads.get();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(1000); // the pages in hand go on while the other shutdown hooks run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("reads after exit began: " + (reads.get() - atExit) + ", failed reads: "
                    + failures.get() + (first.get() == null ? "" : ", first: " + first.get()));
        }));
        System.exit(0);
    }
}
