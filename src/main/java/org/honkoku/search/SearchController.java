package org.honkoku.search;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The search page ({@code /search?q=}, from the box in every page's header) and the same as JSON
 * ({@code /api/search?q=}); both need a signed-in reviewer, as everything but the sign-in page does.
 */
@Controller
class SearchController {

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    @GetMapping("/search")
    String page(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int from, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("result", search.find(q, Math.max(0, from), Search.PAGE));
        model.addAttribute("previous", Math.max(0, from - Search.PAGE));
        return "search";
    }

    @GetMapping("/api/search")
    @ResponseBody
    SearchResult json(@RequestParam String q, @RequestParam(defaultValue = "0") int from,
                      @RequestParam(defaultValue = "" + Search.PAGE) int limit) {
        return search.find(q, Math.max(0, from), Math.max(1, Math.min(Search.PAGE, limit)));
    }
}
