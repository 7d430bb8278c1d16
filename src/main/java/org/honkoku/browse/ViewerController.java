package org.honkoku.browse;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * A manuscript in Mirador: its IIIF manifest ({@code /iiif/{id}/manifest}) with the scans and, in the side
 * panel and outlined on the scan, the text of every column and character as annotations.
 */
@Controller
class ViewerController {

    private final ProgressRepository progress;
    private final MiradorPackage mirador;

    ViewerController(ProgressRepository progress, MiradorPackage mirador) {
        this.progress = progress;
        this.mirador = mirador;
    }

    @GetMapping("/manuscripts/{id}/viewer")
    String viewer(@PathVariable long id, Model model) {
        ManuscriptSummary manuscript = progress.manuscript(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no manuscript " + id));
        model.addAttribute("manuscript", manuscript);
        try {
            mirador.ensure();
            model.addAttribute("mirador", true);
        } catch (IOException e) {
            model.addAttribute("mirador", false);
            model.addAttribute("problem", "Mirador " + MiradorPackage.VERSION + " is not installed and could not be"
                    + " fetched (" + e.getMessage() + "). Put dist/mirador.min.js of the npm package mirador@"
                    + MiradorPackage.VERSION + " at " + mirador.bundle().toAbsolutePath() + ".");
        }
        return "viewer";
    }

    /** The bundle: 2 MB that never changes for a version, so the browser may keep it (it holds no archive data). */
    @GetMapping("/vendor/mirador-" + MiradorPackage.VERSION + ".min.js")
    ResponseEntity<byte[]> bundle() throws IOException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/javascript"))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePrivate())
                .body(Files.readAllBytes(mirador.ensure()));
    }
}
