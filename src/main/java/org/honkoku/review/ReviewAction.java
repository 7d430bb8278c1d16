package org.honkoku.review;

/** What a reviewer can do to a character box (the keys are the review UI's). */
public enum ReviewAction {
    /** Enter: the machine's reading is right. */
    ACCEPT,
    /** 1-5 (an alternative), a typed character, or a candidate from drawing: this is the reading. */
    SET,
    /** r: a character outside the model's classes, or illegible; written 〓. */
    RARE,
    /** d: no character here (a false box); kept as reviewed 'deleted' so no re-run brings it back. */
    DELETE,
    /** s: two characters in one box: cut it across, where the ink is thinnest near the middle. */
    SPLIT,
    /** m: one character in two boxes: join the box with the next one below. */
    MERGE,
    /**
     * a (after a correction): a look-alike the glyph memory now reads differently is read so, as SET; the audit log
     * tells it apart.
     */
    LOOKALIKE;

    /** Whether the action decides a box's reading (and so adds the box to its manuscript's glyph memory). */
    public boolean decidesReading() {
        return this != SPLIT && this != MERGE;
    }
}
