package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.honkoku.BrowserAppTest;
import org.honkoku.browse.MiradorPackage;
import org.honkoku.export.IiifExport;
import org.honkoku.ingest.IiifServer;
import org.honkoku.export.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mirador, fetched from npm and served by honkoku, in a real headless Chromium: it opens the manuscript's IIIF
 * manifest, paints the scan and lists the transcription's annotations.
 */
class MiradorBrowserTest extends BrowserAppTest {

    @Autowired
    IiifExport iiif;
    @Autowired
    MiradorPackage mirador;

    @Test
    void miradorShowsTheScanWithTheTranscriptionAsAnnotations() {
        long page = pageId(SAMPLE);
        List<ReviewBox> stored = boxes.onPage(page);
        String columnText = firstColumnText(stored);

        Browser.signIn(browser, url(""), "carol", PASSWORD);
        browser.get(url("/manuscripts/" + manuscriptId(SAMPLE)));
        browser.findElement(By.id("viewer-link")).click();
        // the first use fetches Mirador from npm: give it time
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mirador")));
        assertThat(browser.findElements(By.id("viewer-problem"))).isEmpty();
        // the annotation panel lists the columns' text and each character's reading
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains(columnText));
        // and the scan is painted under them: dark ink in the viewer's part of the window (the outlines are
        // blue, the empty viewer light grey; OpenSeadragon may draw with WebGL, so look at the screen itself)
        wait.until(d -> inkOnScreen() > 0.01);
        assertThat(browser.getTitle()).contains("samples");
        Browser.screenshot(browser, "mirador");
    }

    /**
     * The exported publication ({@code export --format iiif}) as an archive would put it on a web server of its
     * own: its files served by a plain HTTP server, with a page that loads Mirador and the exported manifest.
     */
    @Test
    void miradorShowsAnExportedManifestFromAPlainWebServer(@TempDir Path out) throws Exception {
        long page = pageId(SAMPLE);
        List<ReviewBox> stored = boxes.onPage(page);
        String columnText = firstColumnText(stored);
        try (IiifServer web = new IiifServer()) {
            iiif.write(out, web.url("/pub/"));
            try (var files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    web.serve("/pub/" + out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f),
                            name.endsWith(".json") ? "application/ld+json" : "image/jpeg");
                }
            }
            web.serve("/mirador.min.js", Files.readAllBytes(mirador.ensure()), "text/javascript");
            try (var viewerJs = getClass().getResourceAsStream("/static/viewer.js")) {
                web.serve("/viewer.js", viewerJs.readAllBytes(), "text/javascript");
            }
            web.serve("/index.html", ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>published</title>"
                    + "<style>#mirador{position:absolute;inset:0}</style></head><body>"
                    + "<div id=\"mirador\" data-manifest=\"/pub/samples/manifest.json\"></div>"
                    + "<script src=\"/mirador.min.js\"></script><script src=\"/viewer.js\"></script></body></html>")
                    .getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

            browser.get(web.url("/index.html"));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains(columnText));
            wait.until(d -> inkOnScreen() > 0.01);
            assertThat(web.requests("/pub/samples/manifest.json")).isPositive();
            assertThat(web.requests("/pub/samples/images/100241706_00004_2.jpg")).isPositive();
        }
    }

    /** The first column's text as the annotations have it (reviewed readings winning). */
    private static String firstColumnText(List<ReviewBox> stored) {
        int first = stored.get(0).column();
        return stored.stream().filter(b -> b.column() == first)
                .map(b -> Labels.character(b.reviewed() != null ? b.reviewed() : b.predicted()))
                .collect(Collectors.joining());
    }

    /** The share of very dark pixels in the viewer's area of a screenshot (right of the side panel). */
    private double inkOnScreen() {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Mat screen = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_GRAYSCALE);
        Mat viewer = screen.submat(new Rect(screen.cols() / 3, screen.rows() / 6, screen.cols() / 2, screen.rows() * 2 / 3));
        Mat dark = new Mat();
        Imgproc.threshold(viewer, dark, 80, 255, Imgproc.THRESH_BINARY_INV);
        return Core.countNonZero(dark) / (double) viewer.total();
    }
    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
