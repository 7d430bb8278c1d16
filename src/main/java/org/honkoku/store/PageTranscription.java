package org.honkoku.store;

import java.util.List;

/**
 * One transcribed page and its boxes in reading order (columns right to left, then top to bottom).
 * Boxes a reviewer deleted as false are not among them.
 */
public record PageTranscription(String manuscript, String imageId, List<StoredBox> boxes, PageInfo info) {

    public PageTranscription(String manuscript, String imageId, List<StoredBox> boxes) {
        this(manuscript, imageId, boxes, PageInfo.unknown());
    }
}
