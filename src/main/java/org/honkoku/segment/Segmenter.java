package org.honkoku.segment;

import java.util.List;
import org.opencv.core.Mat;

public final class Segmenter {
    public List<CharBox> segment(Mat grayPage) {
        return List.of();
    }
}
