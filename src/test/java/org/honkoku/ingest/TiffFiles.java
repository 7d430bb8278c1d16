package org.honkoku.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Multi-page TIFFs made from the sample scans, whole and broken in chosen ways, for the tests. */
public final class TiffFiles {

    private TiffFiles() {
    }

    /** The scans as the pages of one LZW-compressed TIFF, each scaled by {@code scale}. */
    public static void write(Path file, double scale, Path... scans) throws IOException {
        OpenCvLoader.load();
        List<Mat> pages = new ArrayList<>();
        for (Path scan : scans) {
            Mat gray = Imgcodecs.imread(scan.toString(), Imgcodecs.IMREAD_GRAYSCALE);
            if (scale != 1) {
                Imgproc.resize(gray, gray, new Size(), scale, scale, Imgproc.INTER_AREA);
            }
            pages.add(gray);
        }
        if (!Imgcodecs.imwritemulti(file.toString(), pages, new MatOfInt(Imgcodecs.IMWRITE_TIFF_COMPRESSION, 5))) {
            throw new IOException("could not write " + file);
        }
        pages.forEach(Mat::release);
    }

    /** A two-page TIFF whose last page's directory points back to the first: its chain of pages never ends. */
    public static void writeLooping(Path file) throws IOException {
        write(file, 0.1, BadInputFiles.GOOD_PAGE, BadInputFiles.GOOD_PAGE);
        ByteBuffer b = buffer(file);
        int first = b.getInt(4);
        b.putInt(nextPointer(b, directoryOffsets(b).get(1)), first);
        Files.write(file, b.array());
    }

    /** A two-page TIFF whose second page's header claims 100,000 x 100,000 pixels (its data is small). */
    public static void writeBombSecondPage(Path file) throws IOException {
        write(file, 0.1, BadInputFiles.GOOD_PAGE, BadInputFiles.GOOD_PAGE);
        ByteBuffer b = buffer(file);
        int ifd = directoryOffsets(b).get(1);
        int entries = Short.toUnsignedInt(b.getShort(ifd));
        for (int e = 0; e < entries; e++) {
            int at = ifd + 2 + 12 * e;
            int tag = Short.toUnsignedInt(b.getShort(at));
            if (tag == 256 || tag == 257) {
                b.putShort(at + 2, (short) 4); // LONG
                b.putInt(at + 4, 1);
                b.putInt(at + 8, 100_000);
            }
        }
        Files.write(file, b.array());
    }

    /**
     * A TIFF written by Java's own writer: a 300 x 400 page, a 30 x 40 reduced-resolution copy of it (a thumbnail,
     * NewSubfileType 1) and a 200 x 300 page, each a grey ramp.
     */
    public static void writeWithThumbnail(Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            int[][] sizes = {{300, 400}, {30, 40}, {200, 300}};
            for (int i = 0; i < sizes.length; i++) {
                BufferedImage image = new BufferedImage(sizes[i][0], sizes[i][1], BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        image.getRaster().setSample(x, y, 0, (x + y) % 256);
                    }
                }
                ImageWriteParam param = writer.getDefaultWriteParam();
                TIFFDirectory directory = TIFFDirectory.createFromMetadata(
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param));
                directory.addTIFFField(new TIFFField(BaselineTIFFTagSet.getInstance()
                        .getTag(BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE), TIFFTag.TIFF_LONG, 1,
                        new long[] {i == 1 ? BaselineTIFFTagSet.NEW_SUBFILE_TYPE_REDUCED_RESOLUTION : 0}));
                writer.writeToSequence(new IIOImage(image, null, directory.getAsMetadata()), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static ByteBuffer buffer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(bytes).order(bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    private static List<Integer> directoryOffsets(ByteBuffer b) {
        List<Integer> offsets = new ArrayList<>();
        for (int off = b.getInt(4); off != 0; off = b.getInt(nextPointer(b, off))) {
            offsets.add(off);
        }
        return offsets;
    }

    private static int nextPointer(ByteBuffer b, int ifd) {
        return ifd + 2 + 12 * Short.toUnsignedInt(b.getShort(ifd));
    }
}
