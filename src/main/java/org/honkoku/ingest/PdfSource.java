package org.honkoku.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Opens PDFs with PDFBox and renders their pages, turning PDFBox's failures into readable reasons. */
final class PdfSource {

    private PdfSource() {
    }

    static int pageCount(Path pdf) {
        try (PDDocument doc = open(pdf)) {
            int pages = doc.getNumberOfPages();
            if (pages == 0) {
                throw new BadInputException("PDF has no pages");
            }
            return pages;
        } catch (IOException e) {
            throw new BadInputException("broken PDF: " + e.getMessage(), e);
        }
    }

    /** Renders one page (1-based) in grayscale at {@code dpi}, refusing pages larger than the limit. */
    static BufferedImage render(Path pdf, int pageNo, InputLimits limits) {
        try (PDDocument doc = open(pdf)) {
            if (pageNo < 1 || pageNo > doc.getNumberOfPages()) {
                throw new BadInputException("PDF has no page " + pageNo);
            }
            PDPage page = doc.getPage(pageNo - 1);
            PDRectangle box = page.getCropBox();
            double scale = limits.pdfDpi() / 72.0;
            long pixels = (long) Math.ceil(box.getWidth() * scale) * (long) Math.ceil(box.getHeight() * scale);
            if (pixels > limits.maxPixels()) {
                throw new BadInputException("PDF page too large: " + pixels + " pixels at "
                        + limits.pdfDpi() + " dpi, limit " + limits.maxPixels());
            }
            return new PDFRenderer(doc).renderImageWithDPI(pageNo - 1, limits.pdfDpi(), ImageType.GRAY);
        } catch (IOException e) {
            throw new BadInputException("cannot render PDF page " + pageNo + ": " + e.getMessage(), e);
        }
    }

    private static PDDocument open(Path pdf) throws IOException {
        try {
            // An owner-password-only PDF opens and renders: only a missing user password stops us.
            return Loader.loadPDF(pdf.toFile());
        } catch (InvalidPasswordException e) {
            throw new BadInputException("encrypted PDF: a password is required to open it", e);
        }
    }
}
