package org.honkoku.ingest;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Red on a page is no text to read: owners' and libraries' seals stamped in vermilion (often over the first
 * columns), red marks beside names and titles, red-brown stains. Made grey by brightness alone, a seal is as dark as
 * ink and is cut into "characters". A page is therefore made grey from its colours with red lifted towards the
 * brightness of its red channel, which for vermilion on paper is nearly the paper's: how far a pixel is lifted
 * grows with its redness (red minus the larger of green and blue), from none at {@link #FROM} to all of it at
 * {@link #FULL}, and never beyond the red channel: a pixel with little colour is lifted little whatever its redness.
 * Black ink, grey ink and the paper keep their brightness (on the labelled pages 99.9% of pixels have a redness
 * under 34, none over 53; vermilion on paper about 150), and black ink stamped over keeps its black. Only a page
 * that holds red ({@link #present}) is made grey this way; the others as before.
 */
public final class RedInk {

    /** Redness at which a pixel starts to be lifted; brown paper and faded ink stay below it. */
    static final int FROM = 25;
    /** Redness at which a pixel takes its red channel's brightness. */
    static final int FULL = 60;
    /**
     * A page holds red when this share of its pixels (at least {@link #MIN_PIXELS}) is at least {@link #PRESENT} red,
     * as a stamp or a red mark is (the labelled pages have 0.003% of such pixels, at an eighth of their size none).
     */
    static final int PRESENT = 40;
    private static final double MIN_SHARE = 1e-4;
    private static final int MIN_PIXELS = 20;

    private RedInk() {
    }

    /** Whether a colour page (BGR; a reduced copy will do) holds enough red to be worth lifting. */
    public static boolean present(Mat bgr) {
        Mat redness = redness(bgr);
        try {
            Imgproc.threshold(redness, redness, PRESENT - 1, 255, Imgproc.THRESH_BINARY);
            return Core.countNonZero(redness) >= Math.max(MIN_PIXELS, MIN_SHARE * bgr.total());
        } finally {
            redness.release();
        }
    }

    /**
     * The colour page (BGR, 8 bits per channel; not modified) as grey, its red lifted where it holds red
     * ({@link #present} on a sixteenth of its pixels; otherwise grey by brightness alone); a new CV_8UC1 Mat.
     */
    public static Mat toGray(Mat bgr) {
        // looked for on every fourth pixel of every fourth row first: most pages hold no red
        Mat sample = new Mat();
        Imgproc.resize(bgr, sample, new Size(), 0.25, 0.25, Imgproc.INTER_NEAREST);
        boolean red = present(sample);
        sample.release();
        if (red) {
            return lifted(bgr);
        }
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        return gray;
    }

    /** The colour page (BGR; not modified) as grey with its red lifted, for a page known to hold red. */
    public static Mat lifted(Mat bgr) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        Mat redness = redness(bgr);
        List<Mat> channels = new ArrayList<>(3);
        Core.split(bgr, channels);
        Mat weight = new Mat();
        Mat grayF = new Mat();
        Mat redF = new Mat();
        try {
            // weight = (redness - FROM) / (FULL - FROM), clamped to [0, 1]
            redness.convertTo(weight, CvType.CV_32F, 1.0 / (FULL - FROM), -(double) FROM / (FULL - FROM));
            Imgproc.threshold(weight, weight, 0, 0, Imgproc.THRESH_TOZERO);
            Imgproc.threshold(weight, weight, 1, 1, Imgproc.THRESH_TRUNC);
            gray.convertTo(grayF, CvType.CV_32F);
            channels.get(2).convertTo(redF, CvType.CV_32F);
            // gray + weight * max(0, red - gray): never darker than brightness alone
            Core.subtract(redF, grayF, redF);
            Imgproc.threshold(redF, redF, 0, 0, Imgproc.THRESH_TOZERO);
            Core.multiply(redF, weight, redF);
            Core.add(grayF, redF, grayF);
            grayF.convertTo(gray, CvType.CV_8U);
            return gray;
        } finally {
            redness.release();
            channels.forEach(Mat::release);
            weight.release();
            grayF.release();
            redF.release();
        }
    }

    /** Red minus the larger of green and blue, per pixel (0 where not red); CV_8UC1. */
    private static Mat redness(Mat bgr) {
        List<Mat> channels = new ArrayList<>(3);
        Core.split(bgr, channels);
        Mat greenOrBlue = new Mat();
        Mat redness = new Mat();
        try {
            Core.max(channels.get(0), channels.get(1), greenOrBlue);
            Core.subtract(channels.get(2), greenOrBlue, redness); // saturates at 0
            return redness;
        } finally {
            channels.forEach(Mat::release);
            greenOrBlue.release();
        }
    }
}
