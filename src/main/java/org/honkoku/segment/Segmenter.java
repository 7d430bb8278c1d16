package org.honkoku.segment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a scanned page of vertical text into character boxes in reading order: columns right to left,
 * characters top to bottom. Holds no state besides its settings, so one instance serves many threads.
 */
public final class Segmenter {

    /**
     * The grouper's expected character height as a share of the measured width: the measure includes the
     * odd piece of two characters side by side, and a slightly small prior splits more readily than it joins.
     */
    private static final double CHAR_SIZE = 0.9;

    private final SegmenterSettings settings;

    public Segmenter() {
        this(SegmenterSettings.DEFAULTS);
    }

    public Segmenter(SegmenterSettings settings) {
        this.settings = settings;
    }

    /**
     * @param grayPage the page as scanned, CV_8UC1, dark ink on light paper; not modified
     * @return the character boxes in the page's own pixels, in reading order
     */
    public List<CharBox> segment(Mat grayPage) {
        return segment(grayPage, null);
    }

    /**
     * @param grayPage the page as scanned, CV_8UC1, dark ink on light paper; not modified
     * @param scorer   a recogniser that reads candidate boxes, so that the grouping of pieces into characters
     *                 weighs how well each candidate reads besides its shape; null to cut by geometry alone
     * @return the character boxes in the page's own pixels, in reading order
     */
    public List<CharBox> segment(Mat grayPage, GlyphScorer scorer) {
        if (grayPage.empty()) {
            return List.of();
        }
        if (grayPage.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("expected an 8-bit grayscale page, got " + CvType.typeToString(grayPage.type()));
        }
        // small scans are enlarged too, so that the few absolute pixel sizes below (specks, line fringes)
        // mean the same on every page
        double scale = (double) settings.analysisLongSide() / Math.max(grayPage.cols(), grayPage.rows());
        Mat work = grayPage;
        if (scale != 1.0) {
            work = new Mat();
            Imgproc.resize(grayPage, work, new Size(), scale, scale, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        }
        Mat ink = Binarizer.binarize(work);
        // a page photographed or scanned askew is set upright first; the boxes are mapped back to its own pixels
        Upright upright = Upright.of(Skew.estimate(ink), work.size(), scale);
        if (upright.turns()) {
            ink.release();
            Mat turned = upright.turn(work);
            ink = Binarizer.binarize(turned);
            turned.release();
        }
        if (work != grayPage) {
            work.release();
        }
        RuleRemover.Layout layout = RuleRemover.removeRules(ink);
        InkBlobs blobs = InkBlobs.find(ink, layout.blocks());
        ink.release();

        // each text area (a page of a spread, a ruled cell) has columns of its own, read one area after another
        List<Column> columns = new ArrayList<>();
        for (TextAreas.Area area : TextAreas.find(layout, blobs)) {
            columns.addAll(ColumnFinder.find(blobs.within(area)));
        }
        double charWidth = ColumnCutter.charWidth(columns, blobs.charWidth());
        ColumnCutter.Cuts cuts = scorer == null ? ColumnCutter.BY_GEOMETRY : ColumnCutter.WITH_RECOGNITION;
        List<NoteChoice> choices = new ArrayList<>();
        List<ColumnCutter.Atoms> allRuns = new ArrayList<>();
        for (Column column : columns) {
            choices.add(NoteChoice.of(column, blobs, CHAR_SIZE * charWidth, cuts, scorer != null, allRuns));
        }
        RecognitionCosts recognition = scorer == null ? null : new RecognitionCosts(allRuns, scorer,
                r -> upright.toPage(0, 0, r, grayPage).rect(), RecognitionCosts.WEIGHT);

        List<CharBox> boxes = new ArrayList<>();
        int c = 0;
        for (NoteChoice choice : choices) {
            NoteChoice.Cut cut = choice.chosen(recognition);
            List<Rect> chars = new ArrayList<>();
            for (int k = 0; k < cut.runs().size(); k++) {
                chars.addAll(ColumnCutter.group(cut.runs().get(k),
                        recognition == null ? null : recognition.forRun(cut.first() + k)));
            }
            // a turned page's canvas is larger than the scan: what lies beyond the scan is no character of it
            chars.removeIf(box -> !upright.onScan(box, grayPage));
            for (int o = 0; o < chars.size(); o++) {
                boxes.add(upright.toPage(c, o, chars.get(o), grayPage));
            }
            if (!chars.isEmpty()) {
                c++;
            }
        }
        return boxes;
    }

}
