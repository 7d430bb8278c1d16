package org.honkoku.review;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.honkoku.memory.GlyphMemoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The review script's JSON API: a box, the queue, and review actions (POST, so CSRF-protected: the
 * script sends the token from the page as a header). A conflict is 409 with the box as it is now.
 */
@RestController
@RequestMapping("/api")
class ReviewApiController {

    static final int MAX_QUEUE = 100;

    private static final Logger log = LoggerFactory.getLogger(ReviewApiController.class);

    private final ReviewBoxRepository boxes;
    private final ReviewService review;
    private final ReviewQueue queue;
    private final GlyphMemoryService memory;

    ReviewApiController(ReviewBoxRepository boxes, ReviewService review, ReviewQueue queue,
                        GlyphMemoryService memory) {
        this.boxes = boxes;
        this.review = review;
        this.queue = queue;
        this.memory = memory;
    }

    @GetMapping("/boxes/{id}")
    BoxView box(@PathVariable long id) {
        ReviewBox box = boxes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no box " + id));
        return BoxView.of(box, boxes.imageId(box.pageId()));
    }

    /**
     * One review action. A decided reading joins the manuscript's glyph memory at once: the answer also lists the
     * look-alikes that now read differently ({@code lookalikes}; their machine readings are already changed).
     */
    @PostMapping("/boxes/{id}/review")
    Map<String, List<?>> review(@PathVariable long id, @RequestBody ReviewRequest request, Principal user) {
        List<ReviewBox> changed = review.apply(id, request, user.getName());
        String imageId = boxes.imageId(changed.get(0).pageId());
        List<LookalikeView> lookalikes = request.action().decidesReading() ? lookalikes(id) : List.of();
        return Map.of("boxes", changed.stream().map(b -> BoxView.of(b, imageId)).toList(), "lookalikes", lookalikes);
    }

    /** The memory's answer to a decision; a failure of it is logged and leaves the decision saved. */
    private List<LookalikeView> lookalikes(long boxId) {
        try {
            Map<Long, String> imageIds = new HashMap<>();
            return memory.afterReview(boxId).stream()
                    .map(l -> LookalikeView.of(l, imageIds.computeIfAbsent(l.pageId(), boxes::imageId))).toList();
        } catch (RuntimeException e) {
            log.warn("glyph memory: look-alikes of box {} not read again ({})", boxId, e.toString());
            return List.of();
        }
    }

    /** One look-alike to accept: the box, the version shown, and the reading shown. */
    record Accept(long id, int version, String label) {
    }

    /**
     * Look-alikes accepted by the reviewer: each becomes a reviewed character (action {@code LOOKALIKE}, in the review
     * log), one transaction each with the usual version check. A box someone changed meanwhile is reported in
     * {@code conflicts} as it is now, and the others are saved.
     */
    @PostMapping("/lookalikes/accept")
    Map<String, List<BoxView>> accept(@RequestBody Map<String, List<Accept>> body, Principal user) {
        List<Accept> items = body.getOrDefault("items", List.of());
        if (items.size() > GlyphMemoryService.MAX_LOOKALIKES) {
            throw new IllegalArgumentException("at most " + GlyphMemoryService.MAX_LOOKALIKES + " look-alikes at once");
        }
        List<BoxView> accepted = new ArrayList<>();
        List<BoxView> conflicts = new ArrayList<>();
        // look-alikes come from few pages: each page's image id is looked up once
        Map<Long, String> imageIds = new HashMap<>();
        for (Accept a : items) {
            try {
                for (ReviewBox b : review.apply(a.id(), new ReviewRequest(ReviewAction.LOOKALIKE, a.version(), a.label()),
                        user.getName())) {
                    accepted.add(BoxView.of(b, imageIds.computeIfAbsent(b.pageId(), boxes::imageId)));
                }
            } catch (ConflictException e) {
                conflicts.add(BoxView.of(e.current(), imageIds.computeIfAbsent(e.current().pageId(), boxes::imageId)));
            }
        }
        return Map.of("boxes", accepted, "conflicts", conflicts);
    }

    /**
     * The least confident unreviewed characters, of one manuscript or all, after a position already seen,
     * that no other reviewer holds; they are held for this reviewer now (see {@link ReviewQueue}).
     */
    @GetMapping("/queue")
    Map<String, List<BoxView>> queue(@RequestParam(required = false) Long manuscript,
                                     @RequestParam(required = false) Float afterConfidence,
                                     @RequestParam(required = false) Long afterId,
                                     @RequestParam(defaultValue = "20") int limit, Principal user) {
        int n = Math.max(1, Math.min(MAX_QUEUE, limit));
        return Map.of("items", queue.next(user.getName(), manuscript, afterConfidence, afterId, n).stream()
                .map(item -> BoxView.of(item.box(), item.imageId())).toList());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e) {
        ReviewBox now = e.current();
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("message", e.getMessage(), "box", BoxView.of(now, boxes.imageId(now.pageId()))));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }
}
