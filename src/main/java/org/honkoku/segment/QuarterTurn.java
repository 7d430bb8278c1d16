package org.honkoku.segment;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * A page turned by quarter turns clockwise, and boxes carried between a scan and its turned copy. A scan that lies on
 * its side or upside down is read turned upright; its boxes are stored on the upright page (what the review UI shows),
 * and exports that name the scan's file give them back in the file's own pixels ({@link #box}).
 */
public final class QuarterTurn {

    private QuarterTurn() {
    }

    /** {@code turns} as 0–3 (−1 is 3: a quarter turn anticlockwise). */
    public static int normalise(int turns) {
        return Math.floorMod(turns, 4);
    }

    /** The image turned by {@code turns} quarter turns clockwise: a new image (the caller's to release), a copy at 0. */
    public static Mat turn(Mat image, int turns) {
        Mat out = new Mat();
        switch (normalise(turns)) {
            case 1 -> Core.rotate(image, out, Core.ROTATE_90_CLOCKWISE);
            case 2 -> Core.rotate(image, out, Core.ROTATE_180);
            case 3 -> Core.rotate(image, out, Core.ROTATE_90_COUNTERCLOCKWISE);
            default -> image.copyTo(out);
        }
        return out;
    }

    /**
     * A box of an image {@code width} × {@code height} pixels, on that image turned by {@code turns} quarter turns
     * clockwise: {x, y, w, h}. Exact: a box stays a box, and turning back gives the box it was.
     */
    public static int[] box(int x, int y, int w, int h, int width, int height, int turns) {
        int bx = x;
        int by = y;
        int bw = w;
        int bh = h;
        int iw = width;
        int ih = height;
        for (int t = 0; t < normalise(turns); t++) {
            // one quarter turn clockwise: the left edge becomes the top, the bottom edge the left
            int nx = ih - by - bh;
            by = bx;
            bx = nx;
            int s = bw;
            bw = bh;
            bh = s;
            s = iw;
            iw = ih;
            ih = s;
        }
        return new int[] {bx, by, bw, bh};
    }

    /** A character's box on the image turned by {@code turns}, keeping its place in reading order. */
    public static CharBox box(CharBox b, int width, int height, int turns) {
        int[] r = box(b.x(), b.y(), b.w(), b.h(), width, height, turns);
        return new CharBox(b.column(), b.order(), r[0], r[1], r[2], r[3]);
    }

    /** {width, height} of an image of {@code width} × {@code height} turned by {@code turns}. */
    public static int[] size(int width, int height, int turns) {
        return normalise(turns) % 2 == 0 ? new int[] {width, height} : new int[] {height, width};
    }
}
