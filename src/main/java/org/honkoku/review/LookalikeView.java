package org.honkoku.review;

import org.honkoku.export.Labels;
import org.honkoku.memory.GlyphMemoryService;

/**
 * A look-alike as the review script receives it: a box of the manuscript that the glyph memory reads differently
 * since a correction, with its reading before and after, and the version to accept it with.
 */
public record LookalikeView(long id, long pageId, String imageId, int version, String before, String beforeCharacter,
                            String after, String afterCharacter, double confidence, double similarity, String crop) {

    static LookalikeView of(GlyphMemoryService.Lookalike l, String imageId) {
        return new LookalikeView(l.boxId(), l.pageId(), imageId, l.version(), l.before(), Labels.character(l.before()),
                l.after(), Labels.character(l.after()), l.confidence(), l.similarity(),
                "/boxes/" + l.boxId() + "/crop?v=" + l.version());
    }
}
