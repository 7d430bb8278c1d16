package org.honkoku.review;

import org.honkoku.browse.ProgressRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The review queue's page; its items come from {@code /api/queue}, least confident first. */
@Controller
class QueueController {

    private final ProgressRepository progress;

    QueueController(ProgressRepository progress) {
        this.progress = progress;
    }

    @GetMapping("/queue")
    String queue(@RequestParam(required = false) Long manuscript, Model model) {
        if (manuscript != null) {
            model.addAttribute("manuscript", progress.manuscript(manuscript).orElseThrow(
                    () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no manuscript " + manuscript)));
        }
        return "queue";
    }
}
