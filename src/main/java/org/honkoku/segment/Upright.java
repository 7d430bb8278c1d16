package org.honkoku.segment;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The page at its analysis size set upright, and the way back: a box found on the upright page is put on the scan
 * at the place its centre came from, at its size in the scan's pixels (a character a few degrees askew is still
 * framed by a box of its own size; the box's centre is what the metrics and the reading order go by).
 */
final class Upright {

    /** Pages leaning less than this are read as they are: no labelled page leans more than 0.3 degrees. */
    static final double MIN_DEGREES = 0.5;

    private final double scale;
    private final Mat toUpright;
    private final double[] back;
    private final Size size;

    private Upright(double scale, Mat toUpright, double[] back, Size size) {
        this.scale = scale;
        this.toUpright = toUpright;
        this.back = back;
        this.size = size;
    }

    /**
     * @param degrees   how far the page leans ({@link Skew#estimate})
     * @param workSize  the page's size at its analysis scale
     * @param scale     analysis pixels per scan pixel
     */
    static Upright of(double degrees, Size workSize, double scale) {
        if (Math.abs(degrees) < MIN_DEGREES) {
            return new Upright(scale, null, new double[] {1, 0, 0, 0, 1, 0}, workSize);
        }
        double rad = Math.toRadians(degrees);
        double cos = Math.abs(Math.cos(rad));
        double sin = Math.abs(Math.sin(rad));
        // the whole page stays in view: the canvas grows to hold the turned page
        Size turned = new Size(Math.ceil(workSize.width * cos + workSize.height * sin),
                Math.ceil(workSize.width * sin + workSize.height * cos));
        Mat m = Imgproc.getRotationMatrix2D(new Point(workSize.width / 2, workSize.height / 2), -degrees, 1);
        m.put(0, 2, m.get(0, 2)[0] + (turned.width - workSize.width) / 2);
        m.put(1, 2, m.get(1, 2)[0] + (turned.height - workSize.height) / 2);
        Mat inverse = new Mat();
        Imgproc.invertAffineTransform(m, inverse);
        double[] back = new double[6];
        inverse.get(0, 0, back);
        inverse.release();
        return new Upright(scale, m, back, turned);
    }

    boolean turns() {
        return toUpright != null;
    }

    /** The analysis-size page turned upright (the caller's to release). */
    Mat turn(Mat work) {
        Mat out = new Mat();
        Imgproc.warpAffine(work, out, toUpright, size, Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        return out;
    }

    /** Whether a box of the upright analysis-size page has its centre on the scan. */
    boolean onScan(Rect r, Mat page) {
        double[] c = centreOnScan(r);
        return c[0] >= 0 && c[1] >= 0 && c[0] < page.cols() && c[1] < page.rows();
    }

    /** Where a box's centre on the upright analysis-size page lies on the scan. */
    private double[] centreOnScan(Rect r) {
        double cx = r.x + r.width / 2.0;
        double cy = r.y + r.height / 2.0;
        return new double[] {(back[0] * cx + back[1] * cy + back[2]) / scale,
                (back[3] * cx + back[4] * cy + back[5]) / scale};
    }

    /** A box of the upright analysis-size page, in the scan's own pixels. */
    CharBox toPage(int column, int order, Rect r, Mat page) {
        if (toUpright == null) {
            // as before pages were set upright: the box's own edges scaled, to the pixel
            int x = (int) Math.floor(r.x / scale);
            int y = (int) Math.floor(r.y / scale);
            int right = Math.min(page.cols(), (int) Math.ceil((r.x + r.width) / scale));
            int bottom = Math.min(page.rows(), (int) Math.ceil((r.y + r.height) / scale));
            return new CharBox(column, order, x, y, Math.max(1, right - x), Math.max(1, bottom - y));
        }
        double[] c = centreOnScan(r);
        double px = c[0];
        double py = c[1];
        double w = r.width / scale;
        double h = r.height / scale;
        int x = (int) Math.max(0, Math.floor(px - w / 2));
        int y = (int) Math.max(0, Math.floor(py - h / 2));
        int right = (int) Math.min(page.cols(), Math.ceil(px + w / 2));
        int bottom = (int) Math.min(page.rows(), Math.ceil(py + h / 2));
        return new CharBox(column, order, Math.min(x, page.cols() - 1), Math.min(y, page.rows() - 1),
                Math.max(1, right - x), Math.max(1, bottom - y));
    }
}
