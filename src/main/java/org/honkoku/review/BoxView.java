package org.honkoku.review;

import java.util.List;

import org.honkoku.classify.Candidate;
import org.honkoku.export.Labels;

/** A box as the review script receives it (JSON): readings as characters, and where its images are. */
public record BoxView(long id, long pageId, String imageId, int column, int order, int x, int y, int w, int h,
                      String label, String character, String predicted, String predictedCharacter,
                      float confidence, boolean reviewed, boolean deleted, String reviewedBy, int version,
                      List<Alternative> alternatives, String crop, String context) {

    /** One of the machine's top-5 readings. */
    public record Alternative(String label, String character, float probability) {

        static Alternative of(Candidate c) {
            return new Alternative(c.label(), Labels.character(c.label()), c.probability());
        }
    }

    static BoxView of(ReviewBox b, String imageId) {
        // the version in the image URLs makes the browser fetch them again after a split or a merge
        String images = "/boxes/" + b.id() + "/%s?v=" + b.version();
        return new BoxView(b.id(), b.pageId(), imageId, b.column(), b.order(), b.x(), b.y(), b.w(), b.h(),
                b.label(), b.character(), b.predicted(), Labels.character(b.predicted()), b.confidence(),
                b.isReviewed() && !b.isDeleted(), b.isDeleted(), b.reviewedBy(), b.version(),
                b.alternatives().stream().map(Alternative::of).toList(),
                images.formatted("crop"), images.formatted("context"));
    }
}
