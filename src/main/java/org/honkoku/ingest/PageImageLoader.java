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
import org.opencv.imgproc.Imgproc;

/**
 * Reads a page as a grayscale OpenCV image (dark ink on light paper, the source's own pixels; a negative scan
 * is turned positive, see {@link Polarity}, a bilevel one given grey edges, see {@link TwoTone}, and red seals
 * and marks made light, see {@link RedInk}): images are checked (format, size, truncation) before OpenCV decodes
 * them; PDF pages are rendered by PDFBox. Every refusal is a {@link BadInputException} with the reason.
 */
public final class PageImageLoader {

    /**
     * Images up to this many pixels are looked at in colour (a 300-dpi folio page is about 35 million); larger ones
     * are decoded in grey alone, as a colour copy would take three times the memory of the page.
     */
    static final long COLOUR_PIXELS = 60_000_000L;

    private final InputLimits limits;

    public PageImageLoader(InputLimits limits) {
        this.limits = limits;
        OpenCvLoader.load();
    }

    public Mat load(PageRef page) {
        SourceFile source = page.source();
        return asRead(source.isPdf()
                ? toMat(PdfSource.render(source.path(), page.pageNo(), limits, COLOUR_PIXELS))
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
            boolean colour = header.pixels() <= COLOUR_PIXELS;
            Mat gray = directory == 0 ? decodeImage(buffer, header.format(), colour)
                    : decodeDirectory(buffer, directory, colour);
            if (gray.empty()) {
                throw new BadInputException("corrupt " + header.format() + ": it could not be decoded");
            }
            return gray;
        } finally {
            buffer.release();
        }
    }

    /**
     * The image as grey, its red lifted ({@link RedInk}) when {@code colour}. A JPEG is first decoded at an eighth of
     * its size to see whether it holds red at all (a fraction of a full decode), and then decoded in colour only if
     * it does, in grey as before if not; other formats are decoded once, in their own colours when {@code colour}
     * and at their own sample depth, then brought to 8 bits ({@link SampleDepth}).
     */
    private static Mat decodeImage(MatOfByte buffer, String format, boolean colour) {
        if (!"JPEG".equals(format)) {
            return toGray(SampleDepth.toEightBit(Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_ANYDEPTH
                    | (colour ? Imgcodecs.IMREAD_ANYCOLOR : Imgcodecs.IMREAD_GRAYSCALE))), false);
        }
        if (!colour) {
            return Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_GRAYSCALE);
        }
        Mat small = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_REDUCED_COLOR_8);
        boolean red = !small.empty() && RedInk.present(small);
        small.release();
        return red ? toGray(Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_ANYCOLOR), true)
                : Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_GRAYSCALE);
    }

    /** A multi-page TIFF's page: OpenCV decodes only the directories asked for. */
    private static Mat decodeDirectory(MatOfByte buffer, int directory, boolean colour) {
        List<Mat> out = new ArrayList<>(1);
        boolean decoded = Imgcodecs.imdecodemulti(buffer, Imgcodecs.IMREAD_ANYDEPTH
                        | (colour ? Imgcodecs.IMREAD_ANYCOLOR : Imgcodecs.IMREAD_GRAYSCALE), out,
                new Range(directory, directory + 1));
        if (!decoded || out.isEmpty()) {
            out.forEach(Mat::release);
            return new Mat();
        }
        return toGray(SampleDepth.toEightBit(out.get(0)), false);
    }

    /**
     * A decoded image in its own channels (grey, BGR or BGRA) as grey with its red lifted ({@code red}: known to hold
     * red, else looked for); released.
     */
    private static Mat toGray(Mat decoded, boolean red) {
        if (decoded.empty() || decoded.channels() == 1) {
            return decoded;
        }
        Mat bgr = decoded;
        if (decoded.channels() == 4) {
            bgr = new Mat();
            Imgproc.cvtColor(decoded, bgr, Imgproc.COLOR_BGRA2BGR);
            decoded.release();
        }
        try {
            return red ? RedInk.lifted(bgr) : RedInk.toGray(bgr);
        } finally {
            bgr.release();
        }
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

    /** A rendered PDF page (grey, or BGR: then as grey with its red lifted). */
    private static Mat toMat(BufferedImage image) {
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        if (!grey && image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("unexpected rendering type " + image.getType());
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(image.getHeight(), image.getWidth(), grey ? CvType.CV_8UC1 : CvType.CV_8UC3);
        mat.put(0, 0, pixels);
        return grey ? mat : toGray(mat, false);
    }
}
