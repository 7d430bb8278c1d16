package org.honkoku.browse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The manuscripts with their progress, and one manuscript's pages (failed ones with their reason). */
@Controller
class ManuscriptController {

    private final ProgressRepository progress;

    ManuscriptController(ProgressRepository progress) {
        this.progress = progress;
    }

    @GetMapping("/")
    String manuscripts(Model model) {
        model.addAttribute("manuscripts", progress.manuscripts());
        return "manuscripts";
    }

    @GetMapping("/manuscripts/{id}")
    String manuscript(@PathVariable long id, Model model) {
        model.addAttribute("manuscript", progress.manuscript(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no manuscript " + id)));
        model.addAttribute("pages", progress.pages(id));
        return "manuscript";
    }
}
