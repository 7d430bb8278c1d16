/**
 * The glyph memory: every character a person has reviewed is kept with its embedding (the classifier's last hidden
 * layer) and its reading, per manuscript; unreviewed boxes of the same manuscript are read again with their nearest
 * reviewed glyphs ({@link org.honkoku.memory.MemoryReader}), so that one correction changes its look-alikes.
 * Nothing a person decided is changed by it.
 */
package org.honkoku.memory;
