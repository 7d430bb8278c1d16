package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.honkoku.WebAppTest;
import org.honkoku.batch.TranscribeCommand;
import org.honkoku.store.StoredBox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page processed again (a retry, or a new model) after review: every reviewed reading, every deleted
 * false box and every outline a reviewer set by splitting or merging survives, and the machine adds
 * nothing inside them.
 */
class ReviewSurvivesRerunTest extends WebAppTest {

    @Autowired
    ReviewService review;
    @Autowired
    TranscribeCommand transcribe;

    @Test
    void reviewedReadingsDeletionsSplitsAndMergesSurviveATranscribeRerun() throws Exception {
        Path source = SECOND.resolve("100241706_00004_2.png");
        long page = pageId(source);
        List<ReviewBox> all = boxes.onPage(page);
        // five boxes of one column (so that merge finds its neighbour): set, delete, split, merge two
        int column = all.stream().filter(b -> all.stream().filter(o -> o.column() == b.column()).count() >= 6)
                .findFirst().orElseThrow().column();
        List<ReviewBox> picked = all.stream().filter(b -> b.column() == column && b.reviewedBy() == null
                && !b.geometryReviewed()).limit(6).toList();
        ReviewBox read = picked.get(0);
        ReviewBox falseBox = picked.get(1);
        ReviewBox twoInOne = picked.get(2);
        ReviewBox upperHalf = picked.get(4);

        apply(read, ReviewAction.SET, "U+3093");
        apply(falseBox, ReviewAction.DELETE, null);
        List<ReviewBox> halves = apply(twoInOne, ReviewAction.SPLIT, null);
        List<ReviewBox> merged = apply(upperHalf, ReviewAction.MERGE, null);
        List<ReviewBox> kept = List.of(boxes.find(read.id()).orElseThrow(), boxes.find(falseBox.id()).orElseThrow(),
                halves.get(0), halves.get(1), merged.get(0), merged.get(1));
        int liveBefore = boxes.onPage(page).size();

        // as when a page is processed again: the transcribe job picks up pending pages
        jdbc.update("UPDATE page SET status = 'PENDING' WHERE id = ?", page);
        assertThat(transcribe.run(List.of(source.toString()))).isZero();

        for (ReviewBox k : kept) {
            ReviewBox now = boxes.find(k.id()).orElseThrow(() -> new AssertionError("box " + k.id() + " is gone"));
            assertThat(List.of(now.x(), now.y(), now.w(), now.h(), String.valueOf(now.reviewed())))
                    .as("box %d", k.id()).containsExactly(k.x(), k.y(), k.w(), k.h(), String.valueOf(k.reviewed()));
        }
        assertThat(boxes.find(read.id()).orElseThrow().reviewed()).isEqualTo("U+3093");
        assertThat(boxes.find(falseBox.id()).orElseThrow().reviewed()).isEqualTo(StoredBox.DELETED);
        // no machine box was put back inside a kept one: the deleted false box stays deleted
        List<ReviewBox> live = boxes.onPage(page);
        for (ReviewBox b : live) {
            if (kept.stream().anyMatch(k -> k.id() == b.id())) {
                continue;
            }
            int cx = b.x() + b.w() / 2;
            int cy = b.y() + b.h() / 2;
            assertThat(kept).as("machine box %d", b.id()).noneMatch(k ->
                    cx >= k.x() && cx < k.x() + k.w() && cy >= k.y() && cy < k.y() + k.h());
        }
        // the same scan and model find the same other boxes again
        assertThat(live).hasSize(liveBefore);
    }

    private List<ReviewBox> apply(ReviewBox box, ReviewAction action, String value) {
        ReviewBox now = boxes.find(box.id()).orElseThrow();
        return review.apply(box.id(), new ReviewRequest(action, now.version(), value), "alice");
    }
}
