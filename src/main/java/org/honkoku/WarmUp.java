package org.honkoku;

import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.honkoku.batch.TranscribeCommand;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.export.ExportCommand;
import org.honkoku.ops.JobsCommand;
import org.honkoku.segment.Segmenter;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code honkoku warm-up}, run by the launcher once per build with {@code -XX:ArchiveClassesAtExit}: it goes
 * through what the commands start with (Spring with Flyway and Spring Batch on an in-memory database, export's
 * smaller context, OpenCV, the model reading a drawn page, PDFBox rendering a page), so that the classes loaded on
 * the way are stored in a class-data archive that every later command maps instead of loading them one by one
 * (about 2 s of each command's start-up). Touches no file and no database of the user's.
 */
final class WarmUp {

    private WarmUp() {
    }

    static int run() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HonkokuApplication.class)
                .registerShutdownHook(false)
                .run("--spring.datasource.url=jdbc:h2:mem:warm-up", "--spring.main.lazy-initialization=true")) {
            for (Class<?> command : List.of(TranscribeCommand.class, JobsCommand.class)) {
                context.getBean(command);
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExportApplication.class)
                .registerShutdownHook(false)
                .run("--spring.datasource.url=jdbc:h2:mem:warm-up-export", "--spring.main.lazy-initialization=true")) {
            context.getBean(ExportCommand.class);
        }
        OpenCvLoader.load();
        Mat page = new Mat(800, 600, CvType.CV_8UC1, new Scalar(235));
        for (int y = 60; y < 700; y += 90) {
            Imgproc.putText(page, "kuzushiji", new Point(260, y), Imgproc.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.2,
                    new Scalar(30), 3);
        }
        Classifier classifier = Classifier.load(Defaults.modelDir());
        var scorer = new RecognitionScorer(classifier, page);
        scorer.readAndSift(new Segmenter().segment(page, scorer));
        page.release();
        try (PDDocument pdf = new PDDocument()) {
            pdf.addPage(new PDPage());
            new PDFRenderer(pdf).renderImageWithDPI(0, 30);
        }
        return 0;
    }
}
