package org.honkoku.classify;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns one character crop into the classifier's input: 64x64, white ink on black, the ink's bounding box
 * scaled to fit (aspect ratio kept, longest side 64 like Kuzushiji-Kanji, which has no margin) and centred.
 * Training (page crops, Kuzushiji-MNIST) and inference go through this same code, so the network never sees
 * a framing at run time that it was not trained on. Inputs are stored as 4096 bytes; {@link #toFloats}
 * scales them to [0, 1].
 */
public final class Preprocess {

    public static final int SIZE = 64;
    public static final int PIXELS = SIZE * SIZE;

    private Preprocess() {
    }

    /** A crop as cut from a scan (dark ink on light paper; grey or BGR, 8 bit, any size) → model input. */
    public static float[] toInput(Mat scanCrop) {
        return toFloats(scanCrop(scanCrop));
    }

    /** {@link #toInput}, {@link #smoothed}: the second view of a box ({@link Classifier#withSmoothedView}). */
    public static float[] toSmoothedInput(Mat scanCrop) {
        return toFloats(smoothed(scanCrop(scanCrop)));
    }

    /**
     * The Gaussian blur (standard deviation in pixels of the 64x64 input) of the second view. The network learnt from
     * images stored in 8 grey levels, warped, reframed and in 3 of 10 blurred (sigma 0.4-1.0): smoother than a crop
     * framed straight from a scan. Top-1 on crops no network was trained on (README "A second, smoothed view").
     */
    static final double SMOOTHING = 0.7;

    /** Framed input bytes blurred by {@link #SMOOTHING}. */
    static byte[] smoothed(byte[] framed) {
        OpenCvLoader.load();
        Mat in = new Mat(SIZE, SIZE, CvType.CV_8UC1);
        Mat out = new Mat();
        try {
            in.put(0, 0, framed);
            Imgproc.GaussianBlur(in, out, new Size(0, 0), SMOOTHING);
            byte[] pixels = new byte[PIXELS];
            out.get(0, 0, pixels);
            return pixels;
        } finally {
            releaseAll(in, out);
        }
    }

    /** A crop as cut from a scan → 4096 bytes in the model's convention (0 = background, 255 = ink). */
    public static byte[] scanCrop(Mat crop) {
        OpenCvLoader.load();
        // Every Mat made here is released when done: a page reads thousands of crops, and native memory left to
        // the garbage collector's finalizers grows the process by hundreds of MB between collections.
        Mat gray = toGray(crop);
        Mat mask = new Mat();
        Mat paper = new Mat();
        Mat ink = new Mat();
        try {
            if (gray.empty()) {
                return new byte[PIXELS];
            }
            // Otsu finds the paper/ink split per crop, robust to paper tone and scan exposure.
            double t = Imgproc.threshold(gray, mask, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            Mat roi = gray.submat(inkBox(mask, gray));
            try {
                double darkest = Core.minMaxLoc(roi).minVal;
                // Paper (at or above the threshold) becomes 0 and the darkest ink 255, the grey inside strokes kept.
                double white = t;
                if (white - darkest < 1) {
                    // A two-tone crop (drawn, or heavily binarised): Otsu's threshold sits on the ink level itself,
                    // so ramp up to halfway to the paper tone instead.
                    Core.bitwise_not(mask, paper);
                    double paperLevel = Core.countNonZero(paper) == 0 ? 255 : Core.mean(gray, paper).val[0];
                    white = (t + paperLevel) / 2;
                }
                if (white - darkest < 1) {
                    return new byte[PIXELS]; // a blank crop: no ink to frame
                }
                double scale = 255.0 / (white - darkest);
                roi.convertTo(ink, CvType.CV_8U, -scale, white * scale);
                return frame(ink);
            } finally {
                roi.release();
            }
        } finally {
            releaseAll(gray == crop ? null : gray, mask, paper, ink);
        }
    }

    /** An image already white ink on black (Kuzushiji-MNIST, Kuzushiji-Kanji) → the same 64x64 framing. */
    public static byte[] whiteOnBlack(Mat image) {
        OpenCvLoader.load();
        Mat gray = toGray(image);
        Mat mask = new Mat();
        Mat roi = null;
        try {
            Imgproc.threshold(gray, mask, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
            roi = gray.submat(inkBox(mask, gray));
            return frame(roi);
        } finally {
            releaseAll(gray == image ? null : gray, mask, roi);
        }
    }

    private static void releaseAll(Mat... mats) {
        for (Mat m : mats) {
            if (m != null) {
                m.release();
            }
        }
    }

    /** {@code v / 255f} for every byte value: the same floats as dividing, without a division per pixel. */
    private static final float[] SCALED = new float[256];

    static {
        for (int v = 0; v < SCALED.length; v++) {
            SCALED[v] = v / 255f;
        }
    }

    public static float[] toFloats(byte[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = SCALED[pixels[i] & 0xFF];
        }
        return out;
    }

    /** Scales a white-on-black image so its longest side is 64 and centres it on a black 64x64 square. */
    static byte[] frame(Mat ink) {
        int w = ink.cols();
        int h = ink.rows();
        double scale = (double) SIZE / Math.max(w, h);
        int nw = Math.max(1, Math.min(SIZE, (int) Math.round(w * scale)));
        int nh = Math.max(1, Math.min(SIZE, (int) Math.round(h * scale)));
        Mat resized = new Mat();
        Mat out = Mat.zeros(SIZE, SIZE, CvType.CV_8UC1);
        Mat centre = out.submat(new Rect((SIZE - nw) / 2, (SIZE - nh) / 2, nw, nh));
        try {
            Imgproc.resize(ink, resized, new Size(nw, nh), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            resized.copyTo(centre);
            byte[] pixels = new byte[PIXELS];
            out.get(0, 0, pixels);
            return pixels;
        } finally {
            releaseAll(resized, centre, out);
        }
    }

    /** Bounding box of the ink pixels of a mask, or the whole image when the mask is empty. */
    private static Rect inkBox(Mat mask, Mat image) {
        Mat points = new Mat();
        try {
            Core.findNonZero(mask, points);
            if (points.empty()) {
                return new Rect(0, 0, image.cols(), image.rows());
            }
            return Imgproc.boundingRect(points);
        } finally {
            points.release();
        }
    }

    /** The crop itself when it is already 8-bit grey, else a converted copy (the caller's to release). */
    static Mat toGray(Mat crop) {
        Mat m = crop;
        if (m.channels() == 3) {
            m = new Mat();
            Imgproc.cvtColor(crop, m, Imgproc.COLOR_BGR2GRAY);
        } else if (m.channels() == 4) {
            m = new Mat();
            Imgproc.cvtColor(crop, m, Imgproc.COLOR_BGRA2GRAY);
        }
        if (m.depth() != CvType.CV_8U) {
            Mat c = new Mat();
            m.convertTo(c, CvType.CV_8U);
            if (m != crop) {
                m.release();
            }
            m = c;
        }
        return m;
    }
}
