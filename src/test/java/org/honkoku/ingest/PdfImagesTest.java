package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.honkoku.segment.Segmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/**
 * PDFs store scans in more ways than JPEG: JPEG 2000 (colour and grey scans) and JBIG2 (bilevel) need decoders
 * PDFBox looks for on the class path, and a page whose image cannot be drawn fails rather than coming out blank.
 */
class PdfImagesTest {

    private final InputLimits limits = InputLimits.defaults();
    private final SourceInspector inspector = new SourceInspector(limits);
    private final PageImageLoader loader = new PageImageLoader(limits);

    /** hnsd's page stored as JPEG 2000 is read: about as many boxes as its 148 labelled characters. */
    @Test
    void aScanStoredAsJpeg2000IsRead(@TempDir Path dir) throws Exception {
        BufferedImage scan = ImageIO.read(BadInputFiles.GOOD_PAGE.toFile());
        BufferedImage gray = new BufferedImage(scan.getWidth() / 2, scan.getHeight() / 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(scan, 0, 0, gray.getWidth(), gray.getHeight(), null);
        ByteArrayOutputStream jp2 = new ByteArrayOutputStream();
        assertThat(ImageIO.write(gray, "jpeg2000", jp2)).as("a JPEG 2000 writer").isTrue();
        Path pdf = dir.resolve("jpx.pdf");
        PdfImageFiles.write(pdf, jp2.toByteArray(), COSName.JPX_DECODE, gray.getWidth(), gray.getHeight());

        List<PageRef> pages = inspector.inspect(new SourceFile(pdf, SourceKind.PDF, pdf));
        Mat page = loader.loadUnchanged(pages.get(0));

        int boxes = new Segmenter().segment(page).size();
        assertThat(boxes).isBetween(111, 192);
    }

    @Test
    void aPageWhoseImageCannotBeDrawnFails(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("broken-scan.pdf");
        PdfImageFiles.write(pdf, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}, COSName.DCT_DECODE, 400, 600);

        List<PageRef> pages = inspector.inspect(new SourceFile(pdf, SourceKind.PDF, pdf));

        assertThatThrownBy(() -> loader.loadUnchanged(pages.get(0))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("PDF page 1 has an image that cannot be drawn");
    }
}
