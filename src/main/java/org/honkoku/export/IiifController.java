package org.honkoku.export;

import java.util.List;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.TranscriptionRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A manuscript's IIIF Presentation 3 manifest, for signed-in users (like the scans it points to): what the
 * built-in Mirador viewer opens. Served as JSON-LD with the Presentation 3 profile, as the specification asks.
 */
@Controller
class IiifController {

    static final MediaType IIIF = MediaType.parseMediaType(
            "application/ld+json;profile=\"" + IiifManifest.CONTEXT + "\"");

    private final TranscriptionRepository transcriptions;
    private final IiifExport iiif;

    IiifController(TranscriptionRepository transcriptions, IiifExport iiif) {
        this.transcriptions = transcriptions;
        this.iiif = iiif;
    }

    @GetMapping("/iiif/{id}/manifest")
    ResponseEntity<ObjectNode> manifest(@PathVariable long id) {
        List<PageTranscription> pages = transcriptions.donePages(id);
        if (pages.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no transcribed pages in manuscript " + id);
        }
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ResponseEntity.ok().contentType(IIIF).body(iiif.served(id, pages, base));
    }
}
