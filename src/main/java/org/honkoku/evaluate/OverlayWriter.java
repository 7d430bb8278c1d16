package org.honkoku.evaluate;

import org.honkoku.segment.CharBox;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.List;

/**
 * Draws one evaluated page as a PNG for a person to see what fails: truth boxes found (green) and missed
 * (red); predicted boxes read right (blue), found but misread (orange) and false alarms (magenta), with the
 * reading order as a thin line through the predicted centres; boxes the "not a character" head dropped are crossed
 * out in grey.
 */
final class OverlayWriter {

    static final Scalar FOUND = new Scalar(40, 160, 40);
    static final Scalar MISSED = new Scalar(30, 30, 230);
    static final Scalar READ_RIGHT = new Scalar(200, 90, 20);
    static final Scalar MISREAD = new Scalar(0, 140, 255);
    static final Scalar FALSE_ALARM = new Scalar(200, 0, 200);
    static final Scalar DROPPED = new Scalar(120, 120, 120);
    private static final int LONG_SIDE = 2000;

    private OverlayWriter() {
    }

    /**
     * @param detectionHits per predicted box, the truth box its centre matched without labels (-1: none)
     * @param labelHits     per predicted box, the truth box it matched with its label (-1: none)
     * @param dropped       boxes the segmenter cut that the "not a character" head dropped
     */
    static void write(Path png, Mat grayPage, List<TruthBox> truth, List<CharBox> boxes, int[] detectionHits,
                      int[] labelHits, List<CharBox> dropped) {
        double scale = Math.min(1.0, (double) LONG_SIDE / Math.max(grayPage.cols(), grayPage.rows()));
        Mat small = new Mat();
        Imgproc.resize(grayPage, small, new Size(), scale, scale, Imgproc.INTER_AREA);
        Mat canvas = new Mat();
        Imgproc.cvtColor(small, canvas, Imgproc.COLOR_GRAY2BGR);
        small.release();
        boolean[] found = new boolean[truth.size()];
        for (int hit : detectionHits) {
            if (hit >= 0) {
                found[hit] = true;
            }
        }
        for (int i = 0; i < truth.size(); i++) {
            TruthBox t = truth.get(i);
            rect(canvas, t.rect(), scale, found[i] ? FOUND : MISSED, found[i] ? 1 : 3);
        }
        Point previous = null;
        int column = -1;
        for (int i = 0; i < boxes.size(); i++) {
            CharBox b = boxes.get(i);
            Scalar colour = detectionHits[i] < 0 ? FALSE_ALARM : labelHits[i] >= 0 ? READ_RIGHT : MISREAD;
            rect(canvas, new Rect(b.x() + 3, b.y() + 3, Math.max(1, b.w() - 6), Math.max(1, b.h() - 6)), scale, colour,
                    detectionHits[i] < 0 ? 3 : 2);
            Point centre = new Point(b.centreX() * scale, b.centreY() * scale);
            if (previous != null && b.column() == column) {
                Imgproc.line(canvas, previous, centre, READ_RIGHT, 1);
            }
            previous = centre;
            column = b.column();
        }
        for (CharBox b : dropped) {
            rect(canvas, b.rect(), scale, DROPPED, 2);
            Imgproc.line(canvas, new Point(b.x() * scale, b.y() * scale),
                    new Point((b.x() + b.w()) * scale, (b.y() + b.h()) * scale), DROPPED, 2);
        }
        legend(canvas);
        Imgcodecs.imwrite(png.toString(), canvas);
        canvas.release();
    }

    private static void rect(Mat canvas, Rect r, double scale, Scalar colour, int thickness) {
        Imgproc.rectangle(canvas, new Point(r.x * scale, r.y * scale),
                new Point((r.x + r.width) * scale, (r.y + r.height) * scale), colour, thickness);
    }

    private static void legend(Mat canvas) {
        String[] names = {"truth found", "truth missed", "read right", "misread", "false alarm", "not a character"};
        Scalar[] colours = {FOUND, MISSED, READ_RIGHT, MISREAD, FALSE_ALARM, DROPPED};
        for (int i = 0; i < names.length; i++) {
            Point at = new Point(10, 24 + 22 * i);
            Imgproc.rectangle(canvas, new Point(at.x - 4, at.y - 16), new Point(at.x + 190, at.y + 5), Scalar.all(255), -1);
            Imgproc.putText(canvas, names[i], at, Imgproc.FONT_HERSHEY_SIMPLEX, 0.6, colours[i], 2);
        }
    }
}
