package org.honkoku.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.honkoku.store.PageInfo;
import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;

/**
 * One step of how a page's transcription came about, for the provenance sections of PAGE
 * ({@code MetadataItem type="processingStep"}) and ALTO ({@code Processing}).
 *
 * @param altoCategory ALTO's processingCategory: the machine generates content, people modify it
 * @param at when the step ran, or null when unknown
 */
record ProcessingStep(String id, String name, String altoCategory, Instant at, String description) {

    static final String SOFTWARE = "honkoku";

    /** The jar's version (from its manifest), or null when run from classes (tests). */
    static String softwareVersion() {
        return ProcessingStep.class.getPackage().getImplementationVersion();
    }

    /** The models that read these pages, as a list for people ("unknown" when none is recorded). */
    static String models(List<PageTranscription> pages) {
        List<String> models = pages.stream().map(p -> p.info().modelVersion()).filter(m -> m != null).distinct().toList();
        return models.isEmpty() ? "unknown" : String.join(", ", models);
    }

    static List<ProcessingStep> of(PageTranscription page) {
        PageInfo info = page.info();
        List<ProcessingStep> steps = new ArrayList<>();
        steps.add(new ProcessingStep("step_segment", "segment", "contentGeneration", info.processedAt(),
                "character boxes cut from the page image (OpenCV) in reading order: columns right to left,"
                        + " characters top to bottom"));
        steps.add(new ProcessingStep("step_classify", "classify", "contentGeneration", info.processedAt(),
                "each box read by the honkoku CNN, model " + (info.modelVersion() == null ? "unknown"
                        : info.modelVersion()) + ": 513 characters and rare (written \u3013)"));
        long reviewed = page.boxes().stream().filter(StoredBox::isReviewed).count();
        if (reviewed > 0 || !info.reviewers().isEmpty()) {
            steps.add(new ProcessingStep("step_review", "review", "contentModification", info.lastReviewedAt(),
                    reviewed + " of " + page.boxes().size() + " characters checked in the honkoku review UI by "
                            + String.join(", ", info.reviewers())));
        }
        return steps;
    }
}
