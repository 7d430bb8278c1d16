package org.honkoku.memory;

/**
 * A reviewed character in the memory: its box, its manuscript, the reading a person gave it ({@code U+XXXX},
 * {@code rare}, or {@link org.honkoku.store.StoredBox#DELETED} for ink that is no character), and its embedding
 * under the model that made it (the last hidden layer's activations).
 */
public record MemoryGlyph(long boxId, long manuscriptId, String label, float[] vector) {
}
