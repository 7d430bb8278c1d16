package org.honkoku.classify;

/** One reading of a character box: its label ({@code U+XXXX} or {@code rare}) and probability. */
public record Candidate(String label, float probability) {
}
