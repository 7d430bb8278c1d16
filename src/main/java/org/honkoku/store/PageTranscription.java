package org.honkoku.store;

import java.util.List;

/** One transcribed page and its boxes in reading order (columns right to left, then top to bottom). */
public record PageTranscription(String manuscript, String imageId, List<StoredBox> boxes) {
}
