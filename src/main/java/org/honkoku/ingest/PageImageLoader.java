package org.honkoku.ingest;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.honkoku.OpenCvLoader;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Range;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Reads a page as a grayscale OpenCV image (dark ink on light paper, the source's own pixels; a negative scan
 * is turned positive, see {@link Polarity}, and a bilevel one given grey edges, see {@link TwoTone}):
 * images are checked (format, size, truncation) before OpenCV decodes them; PDF pages are rendered
 * by PDFBox. Every refusal is a {@link BadInputException} with the reason.
 */
public final class PageImageLoader {

    private final InputLimits limits;

    public PageImageLoader(InputLimits limits) {
        this.limits = limits;
        OpenCvLoader.load();
    }

    public Mat load(PageRef page) {
        SourceFile source = page.source();
        return asRead(source.isPdf()
                ? toMat(PdfSource.render(source.path(), page.pageNo(), limits))
                : decode(readBytes(source), page.pageNo()));
    }

    /** The page as every stage reads it: a negative made positive, a bilevel scan's strokes given grey edges. */
    private static Mat asRead(Mat gray) {
        Polarity.makePositive(gray);
        TwoTone.soften(gray);
        return gray;
    }

    /**
     * The page as it was registered: an image whose bytes no longer match the page's identity (the file
     * was replaced after the page was registered) is refused rather than transcribed under the old
     * identity; the next run registers the new bytes as a new version. A page of a PDF or a multi-page TIFF is
     * checked by its file's size only (hashing a whole volume for each of its pages would cost more than reading
     * them: 300 MB of TIFF hashed a hundred times over).
     */
    public Mat loadUnchanged(PageRef page) {
        SourceFile source = page.source();
        if (SourceInspector.isOneOfMany(page)) {
            long size = sizeOf(source);
            if (page.byteSize() > 0 && size != page.byteSize()) {
                throw changed();
            }
            return load(page);
        }
        byte[] bytes = readBytes(source);
        if (!page.sha256().isEmpty() && !page.sha256().equals(SourceInspector.sha256(bytes))) {
            throw changed();
        }
        return asRead(decode(bytes, page.pageNo()));
    }

    private static BadInputException changed() {
        return new BadInputException("the file changed since this page was registered: the next transcribe run"
                + " registers its new content as a new version");
    }

    private static long sizeOf(SourceFile source) {
        try {
            return Files.size(source.path());
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }

    /**
     * Page {@code pageNo} (1-based) of an image file: 1 but for a multi-page TIFF, whose page's size is read from
     * its own directory ({@link TiffPages}).
     */
    private Mat decode(byte[] bytes, int pageNo) {
        if (bytes.length == 0) {
            throw new BadInputException("empty file (0 bytes)");
        }
        ImageHeader header;
        int directory = 0;
        if ("TIFF".equals(ImageHeader.formatOf(bytes))) {
            List<TiffPages.Page> pages = TiffPages.of(bytes, limits.maxPdfPages());
            if (pageNo < 1 || pageNo > pages.size()) {
                throw new BadInputException("TIFF has no page " + pageNo + " (it has " + pages.size() + ")");
            }
            TiffPages.Page page = pages.get(pageNo - 1);
            directory = page.directory();
            header = new ImageHeader("TIFF", page.width(), page.height());
        } else {
            header = ImageHeader.read(bytes);
            if (pageNo != 1) {
                throw new BadInputException(header.format() + " has one page, not page " + pageNo);
            }
        }
        if (header.width() <= 0 || header.height() <= 0) {
            throw new BadInputException("image header gives no size");
        }
        if (header.pixels() > limits.maxPixels()) {
            throw new BadInputException("image too large: header claims " + header.width() + "x"
                    + header.height() + " pixels, limit " + limits.maxPixels() + " pixels (honkoku.limits.max-pixels)");
        }
        if (header.isTruncated(bytes)) {
            throw new BadInputException("truncated " + header.format() + ": the file ends before the image does");
        }
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            Mat gray = directory == 0 ? Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_GRAYSCALE)
                    : decodeDirectory(buffer, directory);
            if (gray.empty()) {
                throw new BadInputException("corrupt " + header.format() + ": it could not be decoded");
            }
            return gray;
        } finally {
            buffer.release();
        }
    }

    /** A multi-page TIFF's page: OpenCV decodes only the directories asked for. */
    private static Mat decodeDirectory(MatOfByte buffer, int directory) {
        List<Mat> out = new ArrayList<>(1);
        boolean decoded = Imgcodecs.imdecodemulti(buffer, Imgcodecs.IMREAD_GRAYSCALE, out,
                new Range(directory, directory + 1));
        if (!decoded || out.isEmpty()) {
            out.forEach(Mat::release);
            return new Mat();
        }
        return out.get(0);
    }

    private byte[] readBytes(SourceFile source) {
        SourceInspector.checkReadable(source.path());
        try {
            long size = Files.size(source.path());
            if (size > limits.maxFileBytes()) {
                throw new BadInputException("file too large: " + size + " bytes, limit " + limits.maxFileBytes()
                        + " (honkoku.limits.max-file-bytes)");
            }
            return Files.readAllBytes(source.path());
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }

    private static Mat toMat(BufferedImage gray) {
        BufferedImage img = gray;
        if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            img = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            img.getGraphics().drawImage(gray, 0, 0, null);
        }
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(img.getHeight(), img.getWidth(), CvType.CV_8UC1);
        mat.put(0, 0, pixels);
        return mat;
    }
}
