package org.honkoku.browse;

import org.honkoku.store.StoredPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Page scans and character crops for the browser (signed-in users only, like everything else). They keep
 * Spring Security's "no-store": a cached scan would still show in the browser after signing out, on a
 * shared reading-room computer too. {@link PageImages} keeps the few pages in review at hand instead.
 */
@Controller
class ImageController {

    private final ProgressRepository progress;
    private final PageImages images;

    ImageController(ProgressRepository progress, PageImages images) {
        this.progress = progress;
        this.images = images;
    }

    @GetMapping("/pages/{id}/image")
    ResponseEntity<byte[]> scan(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(images.view(transcribed(id)));
    }

    /** The scan at its own size, for IIIF viewers ({@link PageImages#full}). */
    @GetMapping("/pages/{id}/image/full")
    ResponseEntity<byte[]> fullScan(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(images.full(transcribed(id)));
    }

    @GetMapping("/boxes/{id}/crop")
    ResponseEntity<byte[]> crop(@PathVariable long id) {
        int[] b = outline(id);
        return png(images.crop(transcribed(b[0]), b[1], b[2], b[3], b[4]));
    }

    @GetMapping("/boxes/{id}/context")
    ResponseEntity<byte[]> context(@PathVariable long id) {
        int[] b = outline(id);
        return png(images.context(transcribed(b[0]), b[1], b[2], b[3], b[4]));
    }

    private StoredPage transcribed(long id) {
        return progress.transcribedSource(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no transcribed page " + id));
    }

    private int[] outline(long boxId) {
        return progress.outline(boxId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no box " + boxId));
    }

    private static ResponseEntity<byte[]> png(byte[] bytes) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(bytes);
    }
}
