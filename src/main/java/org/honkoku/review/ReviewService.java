package org.honkoku.review;

import java.time.Instant;
import java.util.List;

import org.honkoku.audit.AuditRepository;
import org.honkoku.batch.PipelineComponents;
import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.classify.Prediction;
import org.honkoku.export.Labels;
import org.honkoku.search.SearchIndex;
import org.honkoku.store.StoredBox;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Applies review actions. Each one locks the box's row, checks that it is still the version the reviewer
 * saw (optimistic locking: otherwise a {@link ConflictException} and nothing is saved), writes the change
 * and its audit entries in one transaction, together with the page's search index. Splits and merges read the new
 * outlines with the classifier first, outside the transaction, so no row stays locked while the network runs.
 */
@Service
public class ReviewService {

    private final ReviewBoxRepository boxes;
    private final AuditRepository audit;
    private final ProgressRepository pages;
    private final PageImages images;
    private final PipelineComponents pipeline;
    private final SearchIndex search;
    private final TransactionTemplate tx;

    ReviewService(ReviewBoxRepository boxes, AuditRepository audit, ProgressRepository pages, PageImages images,
                  PipelineComponents pipeline, SearchIndex search, PlatformTransactionManager transactions) {
        this.boxes = boxes;
        this.audit = audit;
        this.pages = pages;
        this.images = images;
        this.pipeline = pipeline;
        this.search = search;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Applies one action by {@code user}; returns the boxes it changed or created, as they are now. */
    public List<ReviewBox> apply(long boxId, ReviewRequest request, String user) {
        if (request == null || request.action() == null || request.version() == null) {
            throw new IllegalArgumentException("a review needs an action and the version of the box");
        }
        ReviewBox seen = boxes.find(boxId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no box " + boxId));
        return switch (request.action()) {
            case SPLIT -> split(seen, request.version(), user);
            case MERGE -> merge(seen, request.version(), user);
            default -> {
                String reading = reading(request, seen);
                yield tx.execute(status -> {
                    search.lockPage(seen.pageId());
                    List<ReviewBox> changed = review(boxId, request.version(), request.action(), reading, user);
                    search.reindex(seen.pageId());
                    return changed;
                });
            }
        };
    }

    private static String reading(ReviewRequest request, ReviewBox seen) {
        return switch (request.action()) {
            case ACCEPT -> seen.predicted();
            case RARE -> Labels.RARE;
            case DELETE -> StoredBox.DELETED;
            case SET, LOOKALIKE -> Labels.isLabel(request.value()) ? request.value() : Labels.label(request.value());
            default -> throw new IllegalStateException(request.action().name());
        };
    }

    private List<ReviewBox> review(long boxId, int version, ReviewAction action, String reading, String user) {
        ReviewBox before = locked(boxId, version);
        // ACCEPT takes the reading the machine has now, which the version check proves the reviewer saw
        String value = action == ReviewAction.ACCEPT ? before.predicted() : reading;
        Instant now = Instant.now();
        boxes.review(boxId, value, action == ReviewAction.DELETE, user, now);
        ReviewBox after = boxes.find(boxId).orElseThrow();
        audit.record(action.name(), boxId, before.pageId(), user, now, BoxState.of(before),
                after.isDeleted() ? "deleted; " + BoxState.outline(after.x(), after.y(), after.w(), after.h())
                        : BoxState.of(after));
        return List.of(after);
    }

    private List<ReviewBox> split(ReviewBox seen, int version, String user) {
        checkVersion(seen, version);
        Mat crop = images.region(page(seen), seen.x(), seen.y(), seen.w(), seen.h());
        int cut = SplitPoint.row(crop);
        List<Prediction> read = pipeline.classifier().classifyOutlined(List.of(
                crop.submat(new Rect(0, 0, crop.cols(), cut)), crop.submat(new Rect(0, cut, crop.cols(), crop.rows() - cut))));
        return tx.execute(status -> {
            search.lockPage(seen.pageId());
            ReviewBox before = locked(seen.id(), version);
            Instant now = Instant.now();
            boxes.reshape(before.id(), before.x(), before.y(), before.w(), cut, read.get(0), user, now);
            boxes.shiftOrder(before.pageId(), before.column(), before.order());
            long lower = boxes.insert(before.pageId(), before.column(), before.order() + 1, before.x(),
                    before.y() + cut, before.w(), before.h() - cut, read.get(1), user, now);
            ReviewBox upper = boxes.find(before.id()).orElseThrow();
            ReviewBox added = boxes.find(lower).orElseThrow();
            audit.record(ReviewAction.SPLIT.name(), upper.id(), upper.pageId(), user, now, BoxState.of(before),
                    BoxState.of(upper) + "; lower part is box " + lower);
            audit.record(ReviewAction.SPLIT.name(), lower, upper.pageId(), user, now, "split from box " + upper.id(),
                    BoxState.of(added));
            search.reindex(upper.pageId());
            return List.of(upper, added);
        });
    }

    private List<ReviewBox> merge(ReviewBox seen, int version, String user) {
        checkVersion(seen, version);
        ReviewBox other = boxes.below(seen)
                .orElseThrow(() -> new IllegalArgumentException("there is no box below this one in its column"));
        int x = Math.min(seen.x(), other.x());
        int y = Math.min(seen.y(), other.y());
        int w = Math.max(seen.x() + seen.w(), other.x() + other.w()) - x;
        int h = Math.max(seen.bottom(), other.bottom()) - y;
        Prediction read = pipeline.classifier().classifyOutlined(List.of(images.region(page(seen), x, y, w, h))).get(0);
        return tx.execute(status -> {
            search.lockPage(seen.pageId());
            // rows locked in id order, so two merges of neighbours cannot deadlock
            ReviewBox first = locked(Math.min(seen.id(), other.id()), null);
            ReviewBox second = locked(Math.max(seen.id(), other.id()), null);
            ReviewBox before = first.id() == seen.id() ? first : second;
            ReviewBox absorbed = first.id() == seen.id() ? second : first;
            checkVersion(before, version);
            checkVersion(absorbed, other.version());
            Instant now = Instant.now();
            boxes.reshape(before.id(), x, y, w, h, read, user, now);
            boxes.review(absorbed.id(), StoredBox.DELETED, true, user, now);
            ReviewBox merged = boxes.find(before.id()).orElseThrow();
            audit.record(ReviewAction.MERGE.name(), merged.id(), merged.pageId(), user, now,
                    BoxState.of(before) + " + box " + absorbed.id() + ": " + BoxState.of(absorbed), BoxState.of(merged));
            audit.record(ReviewAction.MERGE.name(), absorbed.id(), merged.pageId(), user, now, BoxState.of(absorbed),
                    "merged into box " + merged.id());
            search.reindex(merged.pageId());
            return List.of(merged, boxes.find(absorbed.id()).orElseThrow());
        });
    }

    /** Locks the box and, when a version is given, checks it is the one the reviewer saw. */
    private ReviewBox locked(long id, Integer version) {
        ReviewBox box = boxes.lock(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no box " + id));
        if (version != null) {
            checkVersion(box, version);
        }
        return box;
    }

    private static void checkVersion(ReviewBox box, int version) {
        if (box.version() != version || box.isDeleted()) {
            throw new ConflictException(box);
        }
    }

    private StoredPage page(ReviewBox box) {
        return pages.source(box.pageId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no page " + box.pageId()));
    }
}
