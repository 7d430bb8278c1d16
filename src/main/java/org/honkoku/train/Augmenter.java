package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.classify.Preprocess;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Random;

/**
 * Cheap geometric jitter (small rotation, scale and shift: one warpAffine of 64x64, a few microseconds)
 * standing in for the variation of real segmentation boxes around a character. Not thread-safe: one per
 * training loop, its Mats are reused.
 */
final class Augmenter {

    private final Random random;
    private final double maxDegrees;
    private final double minScale;
    private final double maxScale;
    private final double maxShift;
    private final Mat src = new Mat(Preprocess.SIZE, Preprocess.SIZE, CvType.CV_8UC1);
    private final Mat dst = new Mat(Preprocess.SIZE, Preprocess.SIZE, CvType.CV_8UC1);
    private final Size size = new Size(Preprocess.SIZE, Preprocess.SIZE);
    private final Point centre = new Point(Preprocess.SIZE / 2.0, Preprocess.SIZE / 2.0);

    Augmenter(Random random, double maxDegrees, double minScale, double maxScale, double maxShift) {
        OpenCvLoader.load();
        this.random = random;
        this.maxDegrees = maxDegrees;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.maxShift = maxShift;
    }

    static Augmenter standard(Random random) {
        return new Augmenter(random, 8, 0.85, 1.05, 4);
    }

    /** A jittered copy of a 64x64 input (the original is left untouched); 1 in 8 pass unchanged. */
    byte[] apply(byte[] image) {
        if (random.nextInt(8) == 0) {
            return image;
        }
        src.put(0, 0, image);
        double angle = (random.nextDouble() * 2 - 1) * maxDegrees;
        double scale = minScale + random.nextDouble() * (maxScale - minScale);
        Mat m = Imgproc.getRotationMatrix2D(centre, angle, scale);
        m.put(0, 2, m.get(0, 2)[0] + (random.nextDouble() * 2 - 1) * maxShift);
        m.put(1, 2, m.get(1, 2)[0] + (random.nextDouble() * 2 - 1) * maxShift);
        Imgproc.warpAffine(src, dst, m, size, Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, Scalar.all(0));
        m.release();
        byte[] out = new byte[image.length];
        dst.get(0, 0, out);
        return out;
    }
}
