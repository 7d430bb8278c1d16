package org.honkoku.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;

/** Opens PDFs with PDFBox and renders their pages, turning PDFBox's failures into readable reasons. */
final class PdfSource {

    /** Readers accept the header anywhere in the first kilobyte (some writers put junk before it). */
    private static final int HEADER_WINDOW = 1024;

    static {
        // PDFBox decodes a page's JPEG through ImageIO, whose default stream for it is cached in a temporary
        // file: a JDK shutdown hook closes such streams, and one opened after shutdown began throws "Shutdown
        // in progress", so a run stopped by SIGTERM failed the PDF page in hand. In memory instead: the stream
        // holds the image's compressed bytes, which PDFBox holds already.
        ImageIO.setUseCache(false);
    }

    private PdfSource() {
    }

    /** Whether the first bytes of a file say it is a PDF. */
    static boolean hasHeader(byte[] head) {
        return new String(head, 0, Math.min(head.length, HEADER_WINDOW), StandardCharsets.ISO_8859_1)
                .contains("%PDF-");
    }

    /**
     * A file named .pdf must say so in its first kilobyte: an HTML error page saved by a failed download
     * or an image with the wrong extension is named for what it is, not reported as a broken PDF.
     */
    static void checkHeader(Path pdf) {
        byte[] head;
        try (InputStream in = Files.newInputStream(pdf)) {
            head = in.readNBytes(HEADER_WINDOW);
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
        if (hasHeader(head)) {
            return;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String image = ImageHeader.formatOf(head);
        if (image != null) {
            throw new BadInputException("not a PDF: the content is a " + image + " image (wrong extension?)");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("<html") || lower.contains("<!doctype")) {
            throw new BadInputException("not a PDF: the content is an HTML page (a failed download?)");
        }
        throw new BadInputException("not a PDF: no %PDF- header in its first " + HEADER_WINDOW + " bytes");
    }

    /** The number of pages, refused above {@code limits.maxPdfPages()} before any page is read. */
    static int pageCount(Path pdf, InputLimits limits) {
        try (PDDocument doc = open(pdf)) {
            int pages = doc.getNumberOfPages();
            if (pages == 0) {
                throw new BadInputException("PDF has no pages");
            }
            if (pages > limits.maxPdfPages()) {
                throw new BadInputException("PDF has too many pages: " + pages + ", limit " + limits.maxPdfPages()
                        + " (honkoku.limits.max-pdf-pages)");
            }
            return pages;
        } catch (IOException e) {
            throw new BadInputException("broken PDF: " + e.getMessage(), e);
        }
    }

    /**
     * Renders one page (1-based) at {@code dpi}, refusing pages larger than the limit: in colour (BGR, as OpenCV holds
     * it) when it has at most {@code colourPixels} pixels, so that red can be told from ink ({@link RedInk}), else in
     * grayscale.
     */
    static BufferedImage render(Path pdf, int pageNo, InputLimits limits, long colourPixels) {
        try (PDDocument doc = open(pdf)) {
            if (pageNo < 1 || pageNo > doc.getNumberOfPages()) {
                throw new BadInputException("PDF has no page " + pageNo);
            }
            PDPage page = doc.getPage(pageNo - 1);
            PDRectangle box = page.getCropBox();
            double scale = limits.pdfDpi() / 72.0;
            long width = (long) Math.ceil(box.getWidth() * scale);
            long height = (long) Math.ceil(box.getHeight() * scale);
            if (width <= 0 || height <= 0) {
                throw new BadInputException("PDF page " + pageNo + " has no size (its crop box is "
                        + box.getWidth() + " x " + box.getHeight() + " points)");
            }
            if (width * height > limits.maxPixels()) {
                throw new BadInputException("PDF page too large: " + width * height + " pixels at "
                        + limits.pdfDpi() + " dpi, limit " + limits.maxPixels() + " (honkoku.limits.max-pixels)");
            }
            ImageType type = width * height <= colourPixels ? ImageType.BGR : ImageType.GRAY;
            return new StrictPdfRenderer(doc).renderImageWithDPI(pageNo - 1, limits.pdfDpi(), type);
        } catch (StrictPdfRenderer.UndrawnImage e) {
            throw new BadInputException("PDF page " + pageNo + " has an image that cannot be drawn ("
                    + e.getMessage() + "): it would be read as blank", e);
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
