package org.honkoku.evaluate;

/**
 * One prediction as the competition scores it: a label and the centre of its box in page pixels.
 * {@code unicode} is {@code null} for a detection without a label.
 */
public record PredictedPoint(String unicode, int cx, int cy) {
}
