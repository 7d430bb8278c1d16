package org.honkoku.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Makes {@code samples/three-pages.pdf} from the sample scans, each placed at 300 dpi (so that
 * rendering at 300 dpi gives back the scan's own pixels). Run once by hand; the PDF is committed.
 */
public final class SamplePdfMaker {

    public static void main(String[] args) throws IOException {
        String[] pages = {"100241706_00004_2.jpg", "brsk001-009.jpg", "hnsd001-011.jpg"};
        Path[] jpegs = new Path[pages.length];
        for (int i = 0; i < pages.length; i++) {
            jpegs[i] = Path.of("samples", pages[i]);
        }
        write(Path.of("samples", "three-pages.pdf"), jpegs);
    }

    /** A PDF of the JPEG scans, one page each, each placed at 300 dpi. */
    static void write(Path pdf, Path... jpegs) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (Path jpeg : jpegs) {
                PDImageXObject image = JPEGFactory.createFromByteArray(doc, Files.readAllBytes(jpeg));
                float w = image.getWidth() * 72f / 300f;
                float h = image.getHeight() * 72f / 300f;
                PDPage page = new PDPage(new PDRectangle(w, h));
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(image, 0, 0, w, h);
                }
            }
            doc.save(pdf.toFile());
        }
    }
}
