package org.honkoku.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.honkoku.OpenCvLoader;
import org.honkoku.evaluate.PredictedPoint;
import org.honkoku.evaluate.Score;
import org.honkoku.evaluate.Scorer;
import org.honkoku.evaluate.TruthBox;
import org.honkoku.evaluate.TruthCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Layouts the labelled pages never show, made from them: the text of a real page without its frame, with the
 * columns of another page's text at the scan's edge beyond a fold; a full spread of two frameless pages; real text
 * in the cells of a drawn table; and a drawing pasted beside a page's text. Each test says where boxes may not be,
 * and that the real characters are still found (detection F1 on the pasted truth above a floor).
 */
class HostileLayoutTest {

    private static final Scalar INK = Scalar.all(45);
    private static Map<String, List<TruthBox>> truth;

    @BeforeAll
    static void load() {
        OpenCvLoader.load();
        truth = TruthCsv.read(Path.of("samples/truth.csv"));
    }

    /** A page's text block cut out tight around its truth boxes (no frame left), with its truth boxes. */
    private record Text(Mat image, List<TruthBox> truth, double charWidth) {
    }

    private static Text text(String page, double from, double to) {
        Mat gray = Imgcodecs.imread("samples/" + page + ".jpg", Imgcodecs.IMREAD_GRAYSCALE);
        List<TruthBox> all = truth.get(page);
        double cw = all.stream().mapToInt(TruthBox::w).sorted().skip(all.size() / 2).findFirst().orElse(1);
        int left = all.stream().mapToInt(TruthBox::x).min().orElse(0);
        int right = all.stream().mapToInt(t -> t.x() + t.w()).max().orElse(gray.cols());
        int top = all.stream().mapToInt(TruthBox::y).min().orElse(0);
        int bottom = all.stream().mapToInt(t -> t.y() + t.h()).max().orElse(gray.rows());
        // a band of the block's height, from..to of it, so cells can hold part of a page
        int y0 = top + (int) (from * (bottom - top));
        int y1 = top + (int) (to * (bottom - top));
        int pad = (int) (0.3 * cw);
        Rect r = new Rect(left - pad, y0 - pad, right - left + 2 * pad, y1 - y0 + 2 * pad);
        Mat crop = gray.submat(r).clone();
        gray.release();
        List<TruthBox> inside = all.stream()
                .filter(t -> t.y() + t.h() / 2 >= y0 && t.y() + t.h() / 2 < y1)
                .map(t -> new TruthBox(t.imageId(), t.unicode(), t.x() - r.x, t.y() - r.y, t.w(), t.h()))
                .toList();
        return new Text(crop, inside, cw);
    }

    private static Mat paper(int w, int h, Mat like) {
        return new Mat(h, w, like.type(), Scalar.all(Core.mean(like).val[0] + 10));
    }

    /** Pastes a text block onto a page with its top left corner at (x, y); returns its truth boxes there. */
    private static List<TruthBox> paste(Text text, Mat page, int x, int y) {
        Mat m = text.image();
        m.copyTo(page.submat(new Rect(x, y, m.cols(), m.rows())));
        return shifted(text.truth(), x, y);
    }

    private static List<TruthBox> shifted(List<TruthBox> t, int dx, int dy) {
        return t.stream().map(b -> new TruthBox(b.imageId(), b.unicode(), b.x() + dx, b.y() + dy, b.w(), b.h())).toList();
    }

    private static double detectionF1(List<TruthBox> expected, List<CharBox> boxes) {
        List<PredictedPoint> points = new ArrayList<>();
        boxes.forEach(b -> points.add(new PredictedPoint(null, b.centreX(), b.centreY())));
        Score s = Scorer.score(expected, points, false);
        return s.f1();
    }

    private static boolean centreIn(CharBox b, Rect r) {
        return b.centreX() >= r.x && b.centreX() < r.x + r.width && b.centreY() >= r.y && b.centreY() < r.y + r.height;
    }

    /**
     * hnsd's text without its frame, and at the scan's left edge, beyond a fold 5 characters wide, the right-hand
     * columns of another book's page (the facing page, cut by the scan's edge). No box may stand on the strip.
     */
    @Test
    void theFacingPageBeyondTheFoldIsNotRead() {
        Text main = text("hnsd001-011", 0, 1);
        Text other = text("100241706_00004_2", 0, 1);
        double cw = main.charWidth();
        // the strip: the two rightmost columns of the other page, scaled to the main page's character size
        double k = cw / other.charWidth();
        Mat facing = new Mat();
        Imgproc.resize(other.image(), facing, new Size(), k, k, Imgproc.INTER_AREA);
        int stripWidth = (int) (2.6 * cw);
        Mat strip = facing.submat(new Rect(facing.cols() - stripWidth, 0, stripWidth,
                Math.min(facing.rows(), main.image().rows())));
        int fold = (int) (5 * cw);
        int margin = (int) (1.5 * cw);
        int w = stripWidth + fold + main.image().cols() + margin;
        int h = main.image().rows() + 2 * margin;
        Mat spread = paper(w, h, main.image());
        strip.copyTo(spread.submat(new Rect(0, margin, strip.cols(), strip.rows())));
        int x0 = stripWidth + fold;
        List<TruthBox> expected = paste(main, spread, x0, margin);

        List<CharBox> boxes = new Segmenter().segment(spread);

        Rect stripArea = new Rect(0, 0, stripWidth + fold / 2, h);
        long onStrip = boxes.stream().filter(b -> centreIn(b, stripArea)).count();
        assertEquals(0, onStrip, "boxes on the facing page's strip");
        double f1 = detectionF1(expected, boxes);
        assertTrue(f1 >= 0.80, "detection F1 of the page read " + f1);
    }

    /** Two frameless pages side by side: both are read, the right one first, each column by column. */
    @Test
    void bothPagesOfAFramelessSpreadAreReadRightPageFirst() {
        Text right = text("hnsd001-011", 0, 1);
        Text left = text("brsk001-009", 0, 1);
        double k = right.charWidth() / left.charWidth();
        Mat leftScaled = new Mat();
        Imgproc.resize(left.image(), leftScaled, new Size(), k, k, Imgproc.INTER_AREA);
        List<TruthBox> leftTruth = left.truth().stream().map(t -> new TruthBox(t.imageId(), t.unicode(),
                (int) (t.x() * k), (int) (t.y() * k), (int) (t.w() * k), (int) (t.h() * k))).toList();
        int gutter = (int) (4 * right.charWidth());
        int margin = (int) (1.5 * right.charWidth());
        int h = Math.max(right.image().rows(), leftScaled.rows()) + 2 * margin;
        int w = margin + leftScaled.cols() + gutter + right.image().cols() + margin;
        Mat spread = paper(w, h, right.image());
        leftScaled.copyTo(spread.submat(new Rect(margin, margin, leftScaled.cols(), leftScaled.rows())));
        int xRight = margin + leftScaled.cols() + gutter;
        List<TruthBox> rightTruth = paste(right, spread, xRight, margin);
        List<TruthBox> leftShifted = shifted(leftTruth, margin, margin);

        List<CharBox> boxes = new Segmenter().segment(spread);

        int fold = margin + leftScaled.cols() + gutter / 2;
        int lastRight = -1;
        int firstLeft = Integer.MAX_VALUE;
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).centreX() >= fold) {
                lastRight = i;
            } else {
                firstLeft = Math.min(firstLeft, i);
            }
        }
        assertTrue(lastRight < firstLeft, "the right page is read before the left one");
        assertTrue(detectionF1(rightTruth, boxes.subList(0, lastRight + 1)) >= 0.80, "right page");
        assertTrue(detectionF1(leftShifted, boxes.subList(lastRight + 1, boxes.size())) >= 0.55, "left page");
    }

    /**
     * Two whole framed pages scanned as one spread (hnsd on the right, 100241706 on the left, at the same
     * character size): the stretch between frames holding the most ink is not the only text, both pages are read.
     */
    @Test
    void bothPagesOfAFramedSpreadAreRead() {
        Mat right = Imgcodecs.imread("samples/hnsd001-011.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        Mat leftPage = Imgcodecs.imread("samples/100241706_00004_2.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        double k = (double) right.rows() / leftPage.rows();
        Mat left = new Mat();
        Imgproc.resize(leftPage, left, new Size(), k, k, Imgproc.INTER_AREA);
        Mat spread = new Mat(right.rows(), left.cols() + right.cols(), right.type());
        left.copyTo(spread.submat(new Rect(0, 0, left.cols(), left.rows())));
        right.copyTo(spread.submat(new Rect(left.cols(), 0, right.cols(), right.rows())));
        List<TruthBox> rightTruth = shifted(truth.get("hnsd001-011"), left.cols(), 0);
        List<TruthBox> leftTruth = truth.get("100241706_00004_2").stream().map(t -> new TruthBox(t.imageId(),
                t.unicode(), (int) (t.x() * k), (int) (t.y() * k), (int) (t.w() * k), (int) (t.h() * k))).toList();

        List<CharBox> boxes = new Segmenter().segment(spread);

        List<CharBox> onRight = boxes.stream().filter(b -> b.centreX() >= left.cols()).toList();
        List<CharBox> onLeft = boxes.stream().filter(b -> b.centreX() < left.cols()).toList();
        assertTrue(!onRight.isEmpty() && !onLeft.isEmpty(), "both pages are read: " + onRight.size() + " and "
                + onLeft.size() + " boxes");
        assertTrue(boxes.indexOf(onRight.get(onRight.size() - 1)) < boxes.indexOf(onLeft.get(0)),
                "the right page is read first");
        assertTrue(detectionF1(rightTruth, onRight) >= 0.80, "right page");
        assertTrue(detectionF1(leftTruth, onLeft) >= 0.75, "left page " + detectionF1(leftTruth, onLeft));
    }

    /**
     * brsk's headings stand in boxes drawn above its frame (参, 昴, 北斗, 北辰: its six top-most truth boxes), their
     * strokes touching the boxes: as big as a drawing, but box-shaped, and still read.
     */
    @Test
    void boxedHeadingsAreNotTakenForDrawings() {
        Mat page = Imgcodecs.imread("samples/brsk001-009.jpg", Imgcodecs.IMREAD_GRAYSCALE);
        List<TruthBox> headings = truth.get("brsk001-009").stream()
                .sorted(java.util.Comparator.comparingInt(TruthBox::y)).limit(6).toList();

        List<CharBox> boxes = new Segmenter().segment(page);

        for (TruthBox h : headings) {
            assertTrue(boxes.stream().anyMatch(b -> h.contains(b.centreX(), b.centreY())), "heading not found: " + h);
        }
    }

    /**
     * Real text in the four cells of a drawn table (two registers of two cells, each a band of a real page), with
     * an outer border: no box may cross a rule or lie on one, every column stays in its cell, and the text is found.
     */
    @Test
    void rulesOfATableAreNoCharactersAndNoColumnRunsAcrossThem() {
        Text[] cells = {text("hnsd001-011", 0, 0.45), text("hnsd001-011", 0.55, 1),
                        text("100241706_00004_2", 0, 0.45), text("100241706_00004_2", 0.5, 0.95)};
        double cw = cells[0].charWidth();
        int gap = (int) (0.8 * cw);
        int thick = Math.max(3, (int) (0.06 * cw));
        // scale the second book's cells to the first one's character size
        for (int i = 2; i < 4; i++) {
            double k = cw / cells[i].charWidth();
            Mat m = new Mat();
            Imgproc.resize(cells[i].image(), m, new Size(), k, k, Imgproc.INTER_AREA);
            List<TruthBox> t = cells[i].truth().stream().map(b -> new TruthBox(b.imageId(), b.unicode(),
                    (int) (b.x() * k), (int) (b.y() * k), (int) (b.w() * k), (int) (b.h() * k))).toList();
            cells[i] = new Text(m, t, cw);
        }
        // layout: top register = cells[0] (right) | cells[2] (left); bottom = cells[1] (right) | cells[3] (left)
        int colRight = Math.max(cells[0].image().cols(), cells[1].image().cols());
        int colLeft = Math.max(cells[2].image().cols(), cells[3].image().cols());
        int rowTop = Math.max(cells[0].image().rows(), cells[2].image().rows());
        int rowBottom = Math.max(cells[1].image().rows(), cells[3].image().rows());
        int margin = (int) (2 * cw);
        int w = 2 * margin + colLeft + colRight + 4 * gap;
        int h = 2 * margin + rowTop + rowBottom + 4 * gap;
        Mat page = paper(w, h, cells[0].image());
        int xLeftCell = margin + gap;
        int xRule = xLeftCell + colLeft + gap;
        int xRightCell = xRule + gap;
        int yTopCell = margin + gap;
        int yRule = yTopCell + rowTop + gap;
        int yBottomCell = yRule + gap;
        int[][] at = {{xRightCell, yTopCell}, {xRightCell, yBottomCell}, {xLeftCell, yTopCell}, {xLeftCell, yBottomCell}};
        List<TruthBox> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.addAll(paste(cells[i], page, at[i][0], at[i][1]));
        }
        Imgproc.rectangle(page, new Point(margin, margin), new Point(w - margin, h - margin), INK, thick);
        Imgproc.line(page, new Point(xRule, margin), new Point(xRule, h - margin), INK, thick);
        Imgproc.line(page, new Point(margin, yRule), new Point(w - margin, yRule), INK, thick);

        List<CharBox> boxes = new Segmenter().segment(page);

        double reach = 0.15 * cw;
        for (CharBox b : boxes) {
            assertTrue(b.x() > xRule + reach || b.x() + b.w() < xRule - reach, "box across the vertical rule: " + b);
            assertTrue(b.y() > yRule + reach || b.y() + b.h() < yRule - reach, "box across the horizontal rule: " + b);
            assertTrue(b.x() > margin + reach && b.x() + b.w() < w - margin - reach
                    && b.y() > margin + reach && b.y() + b.h() < h - margin - reach, "box on the border: " + b);
        }
        // a column's boxes all lie in one cell
        Map<Integer, List<CharBox>> byColumn = new java.util.TreeMap<>();
        boxes.forEach(b -> byColumn.computeIfAbsent(b.column(), c -> new ArrayList<>()).add(b));
        for (List<CharBox> column : byColumn.values()) {
            long cellsTouched = column.stream().map(b -> (b.centreX() > xRule ? 1 : 0) + (b.centreY() > yRule ? 2 : 0))
                    .distinct().count();
            assertEquals(1, cellsTouched, "a column runs across cells: " + column);
        }
        double f1 = detectionF1(expected, boxes);
        assertTrue(f1 >= 0.80, "detection F1 in the cells " + f1);
    }

    /**
     * A drawing (a fish: body, tail, fins, scales and an eye, drawn in strokes as thick as the brush's) pasted below
     * a page's text: no box in it, and the text is read as well as without it.
     */
    @Test
    void aDrawingIsNotCutIntoCharacters() {
        Text main = text("hnsd001-011", 0, 1);
        double cw = main.charWidth();
        int margin = (int) (1.5 * cw);
        int drawingHeight = (int) (4 * cw);
        int w = main.image().cols() + 2 * margin;
        int h = main.image().rows() + drawingHeight + 3 * margin;
        Mat page = paper(w, h, main.image());
        List<TruthBox> expected = paste(main, page, margin, margin);
        List<CharBox> without = new Segmenter().segment(page);

        int stroke = Math.max(2, (int) (0.08 * cw));
        Point c = new Point(w / 2.0, main.image().rows() + 2 * margin + drawingHeight / 2.0);
        Size body = new Size(3 * cw, 1.4 * cw);
        Imgproc.ellipse(page, c, body, 0, 0, 360, INK, stroke);
        Point tail = new Point(c.x + body.width, c.y);
        Imgproc.line(page, tail, new Point(tail.x + 1.2 * cw, c.y - 1.0 * cw), INK, stroke);
        Imgproc.line(page, tail, new Point(tail.x + 1.2 * cw, c.y + 1.0 * cw), INK, stroke);
        Imgproc.line(page, new Point(tail.x + 1.2 * cw, c.y - 1.0 * cw), new Point(tail.x + 1.2 * cw, c.y + 1.0 * cw),
                INK, stroke);
        Imgproc.circle(page, new Point(c.x - 2.2 * cw, c.y - 0.3 * cw), (int) (0.15 * cw), INK, -1);
        for (int i = 0; i < 6; i++) { // scales: arcs inside the body, not touching its outline
            Imgproc.ellipse(page, new Point(c.x - 1.2 * cw + i * 0.45 * cw, c.y), new Size(0.3 * cw, 0.5 * cw), 0,
                    -70, 70, INK, stroke);
        }
        Imgproc.ellipse(page, new Point(c.x, c.y - body.height - 0.3 * cw), new Size(0.8 * cw, 0.3 * cw), 0, 180, 360,
                INK, stroke); // a fin above the body, apart from it
        Rect drawing = new Rect((int) (c.x - body.width - 0.5 * cw), (int) (c.y - body.height - 0.8 * cw),
                (int) (2 * body.width + 2 * cw), (int) (2 * body.height + 1.2 * cw));

        List<CharBox> boxes = new Segmenter().segment(page);

        long inDrawing = boxes.stream().filter(b -> centreIn(b, drawing)).count();
        assertEquals(0, inDrawing, "boxes on the drawing");
        assertTrue(detectionF1(expected, boxes) >= detectionF1(expected, without) - 0.02,
                "the text is read as well as without the drawing");
    }

    /**
     * hnsd's text in a drawn frame whose bottom line is worn over its right 40%: there it is only dashes, each
     * shorter than a line must be to be found, and a few pixels off the line's height as worn lines lean. The
     * dashes are no characters: no box may stand on the bottom line, and the text is still found.
     */
    @Test
    void aWornFrameLineLeavesNoFlatBoxes() {
        Text main = text("hnsd001-011", 0, 1);
        double cw = main.charWidth();
        int margin = (int) (2 * cw);
        int gap = (int) (0.6 * cw);
        int w = main.image().cols() + 2 * margin + 2 * gap;
        int h = main.image().rows() + 2 * margin + 2 * gap;
        Mat page = paper(w, h, main.image());
        List<TruthBox> expected = paste(main, page, margin + gap, margin + gap);
        int thick = Math.max(3, (int) (0.06 * cw));
        int left = margin;
        int right = w - margin;
        int top = margin;
        int bottom = h - margin;
        Imgproc.line(page, new Point(left, top), new Point(right, top), INK, thick);
        Imgproc.line(page, new Point(left, top), new Point(left, bottom), INK, thick);
        Imgproc.line(page, new Point(right, top), new Point(right, bottom), INK, thick);
        int worn = left + (int) (0.6 * (right - left));
        Imgproc.line(page, new Point(left, bottom), new Point(worn, bottom), INK, thick);
        int dash = (int) (0.5 * cw);
        int space = Math.max(4, (int) (0.12 * cw));
        int lift = Math.max(2, thick / 2);
        for (int x = worn + space, k = 0; x < right - space; x += dash + space, k++) {
            int y = bottom - (k % 2 == 0 ? lift : 0);
            Imgproc.line(page, new Point(x, y), new Point(Math.min(x + dash, right - space), y), INK, thick);
        }

        List<CharBox> boxes = new Segmenter().segment(page);

        Rect bottomLine = new Rect(left, bottom - (int) (0.5 * cw), right - left, (int) cw);
        List<CharBox> onLine = boxes.stream().filter(b -> centreIn(b, bottomLine)).toList();
        assertEquals(List.of(), onLine, "boxes on the worn bottom line");
        double f1 = detectionF1(expected, boxes);
        assertTrue(f1 >= 0.80, "detection F1 of the framed text " + f1);
    }
}
