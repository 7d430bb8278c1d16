package org.honkoku.browse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.honkoku.Rects;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.QuarterTurn;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.core.Point;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Page scans for the review UI, read from their source files again (the database holds no images) and
 * kept for the few pages being reviewed: decoding a scan or rendering a PDF page takes a good fraction
 * of a second, and a reviewer asks for many crops of the same page in a row.
 */
@Component
public class PageImages {

    /** Long side of the page image sent to the browser: enough to read a character, a fraction of the bytes. */
    static final int VIEW_SIZE = 2400;
    private static final int CACHED_PAGES = 4;

    private final PageImageLoader loader;
    private final Map<Long, Mat> pages = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Mat> eldest) {
            return size() > CACHED_PAGES;
        }
    };
    private final Map<Long, byte[]> views = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CACHED_PAGES * 4;
        }
    };

    public PageImages(InputLimits limits) {
        this.loader = new PageImageLoader(limits);
    }

    /**
     * The page as a grayscale image in its own pixel coordinates, the right way up as it was read (a scan on its side
     * or upside down turned as {@link StoredPage#turns} says), which is where its boxes are (shared: callers must not
     * change it).
     */
    public synchronized Mat page(StoredPage page) {
        long key = key(page);
        Mat mat = pages.get(key);
        if (mat == null) {
            Path source = Path.of(page.sourcePath());
            if (!Files.isRegularFile(source)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the scan is no longer at " + source);
            }
            mat = loader.load(page.toPageRef());
            if (QuarterTurn.normalise(page.turns()) != 0) {
                Mat turned = QuarterTurn.turn(mat, page.turns());
                mat.release();
                mat = turned;
            }
            pages.put(key, mat);
        }
        return mat;
    }

    /** The page as a JPEG for the page view, at most {@link #VIEW_SIZE} pixels on its long side. */
    public byte[] view(StoredPage page) {
        synchronized (views) {
            byte[] cached = views.get(key(page));
            if (cached != null) {
                return cached;
            }
        }
        Mat full = page(page);
        int[] size = viewSize(full.cols(), full.rows());
        Mat small = full;
        if (size[0] != full.cols() || size[1] != full.rows()) {
            small = new Mat();
            Imgproc.resize(full, small, new Size(size[0], size[1]), 0, 0, Imgproc.INTER_AREA);
        }
        byte[] jpeg = encode(".jpg", small, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
        synchronized (views) {
            views.put(key(page), jpeg);
        }
        return jpeg;
    }

    /**
     * The scan as a JPEG at its own size and the way its file lies: what IIIF manifests paint their canvases with (the
     * canvas is the scan in its pixels, as the exports' boxes are, and not every viewer scales a plain image to its
     * canvas). Not cached: it is asked for once per page and viewer, and is large.
     */
    public byte[] full(StoredPage page) {
        Mat read = page(page);
        if (QuarterTurn.normalise(page.turns()) == 0) {
            return encode(".jpg", read, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
        }
        Mat scan = QuarterTurn.turn(read, -page.turns());
        try {
            return encode(".jpg", scan, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
        } finally {
            scan.release();
        }
    }

    /** A page's key in the caches, with its turn: a page read again another way up is not shown the old way. */
    private static long key(StoredPage page) {
        return page.id() * 4 + QuarterTurn.normalise(page.turns());
    }

    /** Width and height of {@link #view} of a page of {@code width} × {@code height} pixels. */
    private static int[] viewSize(int width, int height) {
        double scale = Math.min(1.0, (double) VIEW_SIZE / Math.max(width, height));
        return scale < 1.0 ? new int[] {(int) Math.round(width * scale), (int) Math.round(height * scale)}
                : new int[] {width, height};
    }

    /** A copy of a region of the page, clipped to the page. */
    public Mat region(StoredPage page, int x, int y, int w, int h) {
        Mat full = page(page);
        Rect r = clip(full, x, y, w, h);
        return full.submat(r).clone();
    }

    /** A box with a margin of a tenth of its size, as PNG (the queue's crop). */
    public byte[] crop(StoredPage page, int x, int y, int w, int h) {
        int m = Math.max(2, Math.max(w, h) / 10);
        return encode(".png", region(page, x - m, y - m, w + 2 * m, h + 2 * m), new MatOfInt());
    }

    /**
     * The box in its column: the strip from three box heights above to three below, the box outlined in
     * red, so a reviewer sees the neighbours that make a reading plausible.
     */
    public byte[] context(StoredPage page, int x, int y, int w, int h) {
        Mat full = page(page);
        int side = Math.max(w, h);
        Rect r = clip(full, x - side, y - 3 * side, w + 2 * side, h + 6 * side);
        Mat colour = new Mat();
        Imgproc.cvtColor(full.submat(r), colour, Imgproc.COLOR_GRAY2BGR);
        int thickness = Math.max(2, side / 25);
        Imgproc.rectangle(colour, new Point(x - r.x - thickness, y - r.y - thickness),
                new Point(x - r.x + w + thickness, y - r.y + h + thickness), new Scalar(40, 40, 220), thickness);
        return encode(".png", colour, new MatOfInt());
    }

    private static Rect clip(Mat image, int x, int y, int w, int h) {
        return Rects.clip(new Rect(x, y, w, h), new Rect(0, 0, image.cols(), image.rows()));
    }

    private static byte[] encode(String extension, Mat image, MatOfInt params) {
        MatOfByte buffer = new MatOfByte();
        if (!Imgcodecs.imencode(extension, image, buffer, params)) {
            throw new IllegalStateException("cannot encode " + extension);
        }
        return buffer.toArray();
    }
}
