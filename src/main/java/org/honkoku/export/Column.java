package org.honkoku.export;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.store.StoredBox;

/** One column of a page (a text line in PAGE and ALTO): its boxes in reading order and their extent. */
record Column(int number, List<StoredBox> boxes) {

    /** Groups a page's boxes, already in reading order, into columns, keeping that order. */
    static List<Column> of(List<StoredBox> boxes) {
        List<Column> columns = new ArrayList<>();
        for (StoredBox b : boxes) {
            if (columns.isEmpty() || columns.get(columns.size() - 1).number() != b.column()) {
                columns.add(new Column(b.column(), new ArrayList<>()));
            }
            columns.get(columns.size() - 1).boxes().add(b);
        }
        return columns;
    }

    int x() {
        return boxes.stream().mapToInt(StoredBox::x).min().orElse(0);
    }

    int y() {
        return boxes.stream().mapToInt(StoredBox::y).min().orElse(0);
    }

    int right() {
        return boxes.stream().mapToInt(b -> b.x() + b.w()).max().orElse(0);
    }

    int bottom() {
        return boxes.stream().mapToInt(b -> b.y() + b.h()).max().orElse(0);
    }

    /** The column's text, top to bottom. */
    String text() {
        StringBuilder s = new StringBuilder();
        boxes.forEach(b -> s.append(Labels.character(b.label())));
        return s.toString();
    }

    /** The mean of the confidences, a reviewed character counting as certain. */
    float confidence() {
        return (float) boxes.stream().mapToDouble(Confidence::of).average().orElse(0);
    }
}
