package org.honkoku.ingest;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** JPEG 2000 files of the sample page for the tests: whole, and as a decompression bomb. */
public final class Jpeg2000Files {

    private Jpeg2000Files() {
    }

    /** hnsd's page, losslessly, as a JP2 file or a raw codestream (the JP2 file's codestream box, unwrapped). */
    public static byte[] encode(String extension) {
        OpenCvLoader.load();
        Mat page = Imgcodecs.imread(BadInputFiles.GOOD_PAGE.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        MatOfByte out = new MatOfByte();
        if (!Imgcodecs.imencode(".jp2", page, out,
                new MatOfInt(Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, 1000))) {
            throw new IllegalStateException("OpenCV wrote no JP2");
        }
        byte[] jp2 = out.toArray();
        return extension.equals(".jp2") ? jp2 : Arrays.copyOfRange(jp2, codestreamAt(jp2), jp2.length);
    }

    /** A JP2 file whose codestream's SIZ marker claims 100000 × 100000 pixels (its header box left as it was). */
    public static byte[] bomb(byte[] jp2) {
        byte[] b = jp2.clone();
        ByteBuffer.wrap(b, codestreamAt(b) + 8, 8).putInt(100_000).putInt(100_000);
        return b;
    }

    /** Where the codestream starts in OpenCV's JP2 file (its last box). */
    private static int codestreamAt(byte[] b) {
        for (int i = 0; i + 4 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0x4F && (b[i + 2] & 0xFF) == 0xFF
                    && (b[i + 3] & 0xFF) == 0x51) {
                return i;
            }
        }
        throw new IllegalStateException("no codestream in the JP2 file");
    }
}
