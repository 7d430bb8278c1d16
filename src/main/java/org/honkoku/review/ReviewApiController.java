package org.honkoku.review;

import java.security.Principal;
import java.util.List;
import java.util.Map;

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

    private final ReviewBoxRepository boxes;
    private final ReviewService review;
    private final ReviewQueue queue;

    ReviewApiController(ReviewBoxRepository boxes, ReviewService review, ReviewQueue queue) {
        this.boxes = boxes;
        this.review = review;
        this.queue = queue;
    }

    @GetMapping("/boxes/{id}")
    BoxView box(@PathVariable long id) {
        ReviewBox box = boxes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no box " + id));
        return BoxView.of(box, boxes.imageId(box.pageId()));
    }

    @PostMapping("/boxes/{id}/review")
    Map<String, List<BoxView>> review(@PathVariable long id, @RequestBody ReviewRequest request, Principal user) {
        List<ReviewBox> changed = review.apply(id, request, user.getName());
        String imageId = boxes.imageId(changed.get(0).pageId());
        return Map.of("boxes", changed.stream().map(b -> BoxView.of(b, imageId)).toList());
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
