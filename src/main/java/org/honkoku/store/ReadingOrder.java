package org.honkoku.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.honkoku.segment.CharBox;

/**
 * One reading order for a page transcribed again: the boxes a person decided on (kept from before, with the
 * columns of the old segmentation) and the machine's new boxes (columns of the new one) are numbered
 * together, so that no two boxes share a place and every export reads them in turn. The new segmentation's
 * columns stand; a kept box joins the column whose span holds its centre (or the nearest one), and each
 * column is numbered again from the top.
 */
public final class ReadingOrder {

    private ReadingOrder() {
    }

    /**
     * @param kept  boxes a person decided on, as stored
     * @param fresh the new boxes, column and order as the segmenter numbered them
     * @return the kept boxes then the fresh ones, in the order given, each with its new column and order
     */
    public static List<CharBox> merge(List<CharBox> kept, List<CharBox> fresh) {
        if (kept.isEmpty() || fresh.isEmpty()) {
            return concat(kept, fresh);
        }
        int columns = fresh.stream().mapToInt(CharBox::column).max().orElseThrow() + 1;
        int[] left = new int[columns];
        int[] right = new int[columns];
        java.util.Arrays.fill(left, Integer.MAX_VALUE);
        java.util.Arrays.fill(right, Integer.MIN_VALUE);
        for (CharBox b : fresh) {
            left[b.column()] = Math.min(left[b.column()], b.x());
            right[b.column()] = Math.max(right[b.column()], b.x() + b.w());
        }
        // per column: the new boxes in the segmenter's order (split notes read right half then left), the kept
        // ones merged in by height, each before the first new box lower than itself
        List<List<Integer>> keptIn = new ArrayList<>();
        List<List<Integer>> freshIn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            keptIn.add(new ArrayList<>());
            freshIn.add(new ArrayList<>());
        }
        for (int i = 0; i < kept.size(); i++) {
            keptIn.get(nearestColumn(kept.get(i).centreX(), left, right)).add(i);
        }
        for (int i = 0; i < fresh.size(); i++) {
            freshIn.get(fresh.get(i).column()).add(i);
        }
        CharBox[] numbered = new CharBox[kept.size() + fresh.size()];
        for (int c = 0; c < columns; c++) {
            List<Integer> k = keptIn.get(c);
            List<Integer> f = freshIn.get(c);
            k.sort(Comparator.comparingInt(i -> kept.get(i).centreY()));
            f.sort(Comparator.comparingInt(i -> fresh.get(i).order()));
            int ki = 0;
            int fi = 0;
            for (int order = 0; ki < k.size() || fi < f.size(); order++) {
                boolean takeKept = fi == f.size()
                        || ki < k.size() && kept.get(k.get(ki)).centreY() < fresh.get(f.get(fi)).centreY();
                if (takeKept) {
                    int i = k.get(ki++);
                    numbered[i] = place(kept.get(i), c, order);
                } else {
                    int i = f.get(fi++);
                    numbered[kept.size() + i] = place(fresh.get(i), c, order);
                }
            }
        }
        return List.of(numbered);
    }

    private static int nearestColumn(int x, int[] left, int[] right) {
        int best = -1;
        int distance = Integer.MAX_VALUE;
        for (int c = 0; c < left.length; c++) {
            if (left[c] > right[c]) {
                continue; // a column number the segmenter did not use
            }
            int d = x < left[c] ? left[c] - x : x > right[c] ? x - right[c] : 0;
            if (d < distance) {
                distance = d;
                best = c;
            }
        }
        return best;
    }

    private static CharBox place(CharBox b, int column, int order) {
        return new CharBox(column, order, b.x(), b.y(), b.w(), b.h());
    }

    private static List<CharBox> concat(List<CharBox> a, List<CharBox> b) {
        List<CharBox> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
