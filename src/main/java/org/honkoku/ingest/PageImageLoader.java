package org.honkoku.ingest;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;

import org.honkoku.OpenCvLoader;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Reads a page as a grayscale OpenCV image (dark ink on light paper, the source's own pixels):
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
        return source.isPdf()
                ? toMat(PdfSource.render(source.path(), page.pageNo(), limits))
                : decode(readBytes(source));
    }

    Mat decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new BadInputException("empty file (0 bytes)");
        }
        ImageHeader header = ImageHeader.read(bytes);
        if (header.width() <= 0 || header.height() <= 0) {
            throw new BadInputException("image header gives no size");
        }
        if (header.pixels() > limits.maxPixels()) {
            throw new BadInputException("image too large: header claims " + header.width() + "x"
                    + header.height() + " pixels, limit " + limits.maxPixels() + " pixels");
        }
        if (header.isTruncated(bytes)) {
            throw new BadInputException("truncated " + header.format() + ": the file ends before the image does");
        }
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            Mat gray = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_GRAYSCALE);
            if (gray.empty()) {
                throw new BadInputException("corrupt " + header.format() + ": it could not be decoded");
            }
            return gray;
        } finally {
            buffer.release();
        }
    }

    private byte[] readBytes(SourceFile source) {
        try {
            long size = Files.size(source.path());
            if (size > limits.maxFileBytes()) {
                throw new BadInputException("file too large: " + size + " bytes, limit " + limits.maxFileBytes());
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
