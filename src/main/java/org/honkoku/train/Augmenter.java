package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.Rects;
import org.honkoku.classify.Preprocess;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;
import java.util.Random;

/**
 * Distorts a 64x64 training input the way brush writing and segmentation vary: one remap combining a random
 * affine map (rotation, shear, aspect) with a smooth elastic field; stroke thickening or thinning; part of a
 * neighbouring character above or below (vertical text) or beside; a box that cuts the character short;
 * blur; then the same framing as inference ({@link Preprocess#whiteOnBlack}), ink tone (gamma) and noise.
 * Optionally ({@code sideMarks}) a reading mark beside the character, as the segmenter's boxes often hold one:
 * a small copy of another character (a reading, furigana) or a dot, just right or left of it.
 * Font renderings are distorted hard ({@code hard}), real crops less, their variation being already real (but
 * see {@code train --hard-pages}, for real crops so few they would be learnt by heart).
 * Not thread-safe: one per thread, its buffers are reused.
 */
final class Augmenter {

    private static final int S = Preprocess.SIZE;
    /** Working canvas: the 64x64 input in the middle, room around it for rotation and neighbours. */
    private static final int C = 112;
    private static final int OFFSET = (C - S) / 2;

    static {
        OpenCvLoader.load(); // before the Mat fields below are created
    }

    /** Readings are written at about half the size of the text they gloss. */
    private static final double MARK_MIN = 0.3;
    private static final double MARK_MAX = 0.55;

    private final Random random;
    private final double sideMarks;
    private final Mat canvas = new Mat(C, C, CvType.CV_8UC1);
    private final Mat warped = new Mat(C, C, CvType.CV_8UC1);
    private final Mat mapX = new Mat(C, C, CvType.CV_32FC1);
    private final Mat mapY = new Mat(C, C, CvType.CV_32FC1);
    private final Mat piece = new Mat(S, S, CvType.CV_8UC1);
    private final float[] mx = new float[C * C];
    private final float[] my = new float[C * C];
    private final Mat[] kernels = {
            Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2, 2)),
            Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3))};

    Augmenter(Random random) {
        this(random, 0);
    }

    /** The side marks in words, for MODEL.md. */
    static String describeSideMarks(double share) {
        return String.format(Locale.ROOT, "%.0f%% of the distorted samples get a reading beside them (another"
                + " character at %.0f-%.0f%% of their size, or a dot)", 100 * share, 100 * MARK_MIN, 100 * MARK_MAX);
    }

    /** @param sideMarks the share of distorted samples given a reading mark beside them (see {@link #addSideMark}) */
    Augmenter(Random random, double sideMarks) {
        this.random = random;
        this.sideMarks = sideMarks;
    }

    /**
     * A distorted copy of {@code image} (left untouched).
     *
     * @param neighbour another training input, parts of which may appear beside the character (or null)
     */
    byte[] apply(byte[] image, boolean hard, byte[] neighbour) {
        if (!hard && random.nextInt(10) == 0) {
            return image;
        }
        canvas.setTo(Scalar.all(0));
        canvas.submat(new Rect(OFFSET, OFFSET, S, S)).put(0, 0, image);
        warp(hard ? 10 : 6, hard ? 0.25 : 0.15, hard ? 0.22 : 0.15, hard ? 3.5 : 2.0);
        if (random.nextDouble() < (hard ? 0.45 : 0.25)) {
            Mat kernel = kernels[random.nextInt(hard ? 2 : 1)];
            if (random.nextBoolean()) {
                Imgproc.dilate(warped, warped, kernel);
            } else if (Core.countNonZero(warped) > 400) {
                Imgproc.erode(warped, warped, kernel);
            }
        }
        Rect ink = inkBox(warped);
        if (ink == null) {
            return image;
        }
        if (neighbour != null && random.nextDouble() < 0.3) {
            addNeighbour(neighbour, ink);
        }
        if (random.nextDouble() < 0.15) {
            cutShort(ink);
        }
        if (sideMarks > 0 && random.nextDouble() < sideMarks) {
            addSideMark(neighbour, ink);
        }
        if (random.nextDouble() < 0.3) {
            double sigma = 0.4 + random.nextDouble() * 0.6;
            Imgproc.GaussianBlur(warped, warped, new Size(0, 0), sigma);
        }
        byte[] out = Preprocess.whiteOnBlack(warped);
        tone(out, hard);
        return out;
    }

    /**
     * One remap: destination pixel → source pixel through a random linear map about the centre plus a smooth
     * elastic displacement (bilinear between random offsets on a coarse grid).
     */
    private void warp(double maxDegrees, double maxShear, double maxAspect, double elastic) {
        double a = Math.toRadians((random.nextDouble() * 2 - 1) * maxDegrees);
        double shear = (random.nextDouble() * 2 - 1) * maxShear;
        double aspect = Math.exp((random.nextDouble() * 2 - 1) * maxAspect);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        // inverse map: rotate, shear, then stretch one axis
        double m00 = cos * aspect;
        double m01 = (-sin + shear * cos) * aspect;
        double m10 = sin / aspect;
        double m11 = (cos + shear * sin) / aspect;
        int g = 3 + random.nextInt(3);
        double amp = elastic * random.nextDouble();
        float[] gx = new float[(g + 1) * (g + 1)];
        float[] gy = new float[(g + 1) * (g + 1)];
        for (int i = 0; i < gx.length; i++) {
            gx[i] = (float) ((random.nextDouble() * 2 - 1) * amp);
            gy[i] = (float) ((random.nextDouble() * 2 - 1) * amp);
        }
        double centre = (C - 1) / 2.0;
        double cell = (C - 1) / (double) g;
        for (int y = 0; y < C; y++) {
            double fy = y / cell;
            int iy = Math.min(g - 1, (int) fy);
            double ty = fy - iy;
            for (int x = 0; x < C; x++) {
                double fx = x / cell;
                int ix = Math.min(g - 1, (int) fx);
                double tx = fx - ix;
                int k = iy * (g + 1) + ix;
                double ex = lerp(lerp(gx[k], gx[k + 1], tx), lerp(gx[k + g + 1], gx[k + g + 2], tx), ty);
                double ey = lerp(lerp(gy[k], gy[k + 1], tx), lerp(gy[k + g + 1], gy[k + g + 2], tx), ty);
                double u = x - centre;
                double v = y - centre;
                mx[y * C + x] = (float) (m00 * u + m01 * v + centre + ex);
                my[y * C + x] = (float) (m10 * u + m11 * v + centre + ey);
            }
        }
        mapX.put(0, 0, mx);
        mapY.put(0, 0, my);
        Imgproc.remap(canvas, warped, mapX, mapY, Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, Scalar.all(0));
    }

    /** A strip of another character just above or below (the column), or, less often, beside it. */
    private void addNeighbour(byte[] neighbour, Rect ink) {
        piece.put(0, 0, neighbour);
        Rect nInk = inkBox(piece);
        if (nInk == null) {
            return;
        }
        boolean vertical = random.nextDouble() < 0.8;
        double share = 0.1 + random.nextDouble() * 0.25;
        int gap = random.nextInt(5);
        Rect strip;
        int x;
        int y;
        if (vertical) {
            int h = Math.max(2, (int) (nInk.height * share));
            boolean above = random.nextBoolean();
            strip = new Rect(nInk.x, above ? nInk.y + nInk.height - h : nInk.y, nInk.width, h);
            x = ink.x + (ink.width - nInk.width) / 2 + random.nextInt(11) - 5;
            y = above ? ink.y - gap - h : ink.y + ink.height + gap;
        } else {
            int w = Math.max(2, (int) (nInk.width * share));
            boolean left = random.nextBoolean();
            strip = new Rect(left ? nInk.x + nInk.width - w : nInk.x, nInk.y, w, nInk.height);
            x = left ? ink.x - gap - w : ink.x + ink.width + gap;
            y = ink.y + (ink.height - nInk.height) / 2 + random.nextInt(11) - 5;
        }
        paste(piece.submat(strip), x, y);
    }

    /** Ink of {@code source} laid over the canvas with its top-left at (x, y), clipped to the canvas. */
    private void paste(Mat source, int x, int y) {
        Rect clipped = Rects.intersect(new Rect(x, y, source.cols(), source.rows()), new Rect(0, 0, C, C));
        if (clipped.width < 2 || clipped.height < 2) {
            return;
        }
        Mat dst = warped.submat(clipped);
        Core.max(dst, source.submat(new Rect(clipped.x - x, clipped.y - y, clipped.width, clipped.height)), dst);
    }

    /**
     * A reading beside the character, as a segmentation box that takes in the side of its column holds one:
     * another character at {@link #MARK_MIN}–{@link #MARK_MAX} of its size (or a dot, one time in three, or
     * when there is no other), just right of it (or left, one time in five), anywhere along its height.
     */
    private void addSideMark(byte[] neighbour, Rect ink) {
        boolean right = random.nextDouble() < 0.8;
        int gap = random.nextInt(5);
        Rect nInk = null;
        if (neighbour != null && random.nextDouble() < 2.0 / 3) {
            piece.put(0, 0, neighbour);
            nInk = inkBox(piece);
        }
        if (nInk == null) {
            int r = 2 + random.nextInt(3);
            int x = right ? ink.x + ink.width + gap + r : ink.x - gap - r;
            int y = ink.y + r + random.nextInt(Math.max(1, ink.height - 2 * r));
            Imgproc.circle(warped, new Point(x, y), r, Scalar.all(160 + random.nextInt(96)), -1);
            return;
        }
        double scale = (MARK_MIN + random.nextDouble() * (MARK_MAX - MARK_MIN)) * Math.max(ink.width, ink.height)
                / Math.max(nInk.width, nInk.height);
        int w = Math.max(2, (int) Math.round(nInk.width * scale));
        int h = Math.max(2, (int) Math.round(nInk.height * scale));
        Mat mark = new Mat();
        Imgproc.resize(piece.submat(nInk), mark, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        int x = right ? ink.x + ink.width + gap : ink.x - gap - w;
        int y = ink.y + random.nextInt(Math.max(1, ink.height - h / 2)) - h / 4;
        paste(mark, x, y);
        mark.release();
    }

    /** A segmentation box that clips up to an eighth of the character off one side. */
    private void cutShort(Rect ink) {
        int side = random.nextInt(4);
        double share = 0.04 + random.nextDouble() * 0.09;
        int cutH = (int) Math.round(ink.height * share);
        int cutW = (int) Math.round(ink.width * share);
        Rect r = switch (side) {
            case 0 -> new Rect(0, 0, C, ink.y + cutH);
            case 1 -> new Rect(0, ink.y + ink.height - cutH, C, C - (ink.y + ink.height - cutH));
            case 2 -> new Rect(0, 0, ink.x + cutW, C);
            default -> new Rect(ink.x + ink.width - cutW, 0, C - (ink.x + ink.width - cutW), C);
        };
        Rect clipped = Rects.intersect(r, new Rect(0, 0, C, C));
        if (clipped.width > 0 && clipped.height > 0) {
            warped.submat(clipped).setTo(Scalar.all(0));
        }
    }

    /** Ink darkness and paper noise, as scans show them after {@link Preprocess#scanCrop}. */
    private void tone(byte[] pixels, boolean hard) {
        // scanCrop maps the darkest ink to 255 whatever the scan, so only the mid-tones vary (gamma)
        double gamma = Math.exp((random.nextDouble() * 2 - 1) * (hard ? 0.6 : 0.3));
        double noise = random.nextDouble() < 0.3 ? random.nextDouble() * 12 : 0;
        for (int i = 0; i < pixels.length; i++) {
            double v = (pixels[i] & 0xFF) / 255.0;
            v = Math.pow(v, gamma) * 255;
            if (noise > 0 && v > 0) {
                v += random.nextGaussian() * noise; // paper is 0 after scanCrop's threshold: noise only in ink
            }
            pixels[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
        }
    }

    private static Rect inkBox(Mat m) {
        Mat points = new Mat();
        Core.findNonZero(m, points);
        if (points.empty()) {
            return null;
        }
        return Imgproc.boundingRect(points);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
