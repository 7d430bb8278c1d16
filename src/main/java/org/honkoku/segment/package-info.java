/**
 * Segmentation: a scanned page of vertical text into character boxes in reading order.
 *
 * <p>{@link org.honkoku.segment.Segmenter} is the entry point. It scales the page to a fixed analysis size and
 * runs, in order: {@code Binarizer} (paper normalised, faint ink stretched, Otsu over the leaf), {@code Skew} and
 * {@code Upright} (a page leaning half a degree or more is turned upright, and binarised again), {@code
 * RuleRemover} (frame, ruled lines, leaf edges; the text blocks' extent, which leaves the facing page of a spread
 * out and keeps both pages of a framed spread), {@code InkBlobs} (connected components and the page's character
 * width, the unit of every threshold after it; drawings and their strokes left out), {@code TextAreas} (a
 * frameless spread cut at its fold, ruled registers and cells), {@code ColumnFinder} per area (main-text columns
 * right to left, readings (furigana) left out), {@code SplitNotes} and {@code ColumnCutter} with {@code
 * CharacterGrouper} (characters top to bottom). Boxes are mapped back to the page's own pixels (through the turn,
 * if any).
 *
 * <p>Everything is static and per call; a {@code Segmenter} may be shared between threads.
 */
package org.honkoku.segment;
