package org.honkoku.classify;

/** One possible reading of a crop: {@code label} is {@code U+XXXX} or {@code rare}. */
public record Candidate(String label, float probability) {
}
