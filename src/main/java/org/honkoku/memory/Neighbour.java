package org.honkoku.memory;

/** A reviewed glyph near the one being read, with their cosine similarity. */
public record Neighbour(long boxId, String label, double similarity) {
}
