package org.honkoku.review;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.browse.PageSummary;
import org.honkoku.browse.ProgressRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page view: the scan with every box drawn on it (coloured by confidence against a threshold the
 * reviewer moves), the transcription beside it in reading order, the same review keys as the queue.
 */
@Controller
class PageViewController {

    private final ProgressRepository pages;
    private final ReviewBoxRepository boxes;

    PageViewController(ProgressRepository pages, ReviewBoxRepository boxes) {
        this.pages = pages;
        this.boxes = boxes;
    }

    @GetMapping("/pages/{id}")
    String page(@PathVariable long id, Model model) {
        PageSummary page = pages.page(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no page " + id));
        List<ReviewBox> onPage = page.isDone() ? boxes.onPage(id) : List.of();
        model.addAttribute("page", page);
        model.addAttribute("boxes", onPage);
        model.addAttribute("columns", columns(onPage));
        model.addAttribute("boxViews", onPage.stream().map(b -> BoxView.of(b, page.imageId())).toList());
        return "page";
    }

    /** The boxes by column, in reading order (the rightmost column first). */
    static List<List<ReviewBox>> columns(List<ReviewBox> boxes) {
        List<List<ReviewBox>> columns = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (ReviewBox b : boxes) {
            if (b.column() != current) {
                columns.add(new ArrayList<>());
                current = b.column();
            }
            columns.get(columns.size() - 1).add(b);
        }
        return columns;
    }
}
