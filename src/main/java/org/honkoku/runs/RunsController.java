package org.honkoku.runs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.honkoku.ops.JobHistory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs from the browser, for admins ({@code /admin/**}): upload scans or PDFs into a new manuscript and transcribe
 * them with the command line's job ({@link BrowserRuns}), watch the run's progress (polled from
 * {@code /admin/runs/progress}), its result, and the job history as {@code ./honkoku jobs} lists it.
 */
@Controller
class RunsController {

    static final int HISTORY = 20;

    private final Uploads uploads;
    private final BrowserRuns runs;
    private final UploadPages pages;
    private final JobHistory history;

    RunsController(Uploads uploads, BrowserRuns runs, UploadPages pages, JobHistory history) {
        this.uploads = uploads;
        this.runs = runs;
        this.pages = pages;
        this.history = history;
    }

    /**
     * How far the run started here is: its upload's pages registered, done and failed;
     * {@code going} false once it has ended.
     */
    record RunProgress(boolean going, String manuscript, Long execution, int total, int done, int failed) {
    }

    @GetMapping("/admin/runs")
    String page(Model model) {
        runs.current().ifPresent(run -> {
            model.addAttribute("run", run);
            model.addAttribute("progress", progress(run));
            if (!run.going()) {
                List<UploadPages.Page> result = pages.pages(run.folder());
                Map<Long, String> manuscripts = new LinkedHashMap<>();
                result.forEach(p -> manuscripts.putIfAbsent(p.manuscriptId(), p.manuscript()));
                model.addAttribute("pages", result);
                model.addAttribute("manuscripts", manuscripts);
            }
        });
        model.addAttribute("history", history.runs(HISTORY));
        model.addAttribute("pageCounts", history.pages());
        model.addAttribute("workers", history.workers());
        model.addAttribute("maxFile", uploads.maxFile());
        model.addAttribute("maxFileBytes", uploads.maxFileBytes());
        model.addAttribute("uploads", uploads.root());
        return "admin/runs";
    }

    /** Saves the upload in a new folder and starts its run; the page then shows the run going. */
    @PostMapping("/admin/runs")
    String upload(@RequestParam(defaultValue = "") String name,
                  @RequestParam(name = "files", required = false) List<MultipartFile> files,
                  RedirectAttributes flash) throws Exception {
        try {
            BrowserRun run = runs.start(() -> uploads.save(name, files == null ? List.of() : files));
            flash.addFlashAttribute("message", "Uploaded to " + run.folder() + "; the run has started.");
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("refused", refused.getMessage());
        } catch (IOException e) {
            flash.addFlashAttribute("refused", "The upload could not be saved under " + uploads.root() + ": " + e
                    + ". Nothing was transcribed.");
        }
        return "redirect:/admin/runs";
    }

    @GetMapping("/admin/runs/progress")
    @ResponseBody
    RunProgress progress() {
        return runs.current().map(this::progress).orElse(new RunProgress(false, null, null, 0, 0, 0));
    }

    private RunProgress progress(BrowserRun run) {
        UploadPages.Counts counts = pages.counts(run.folder());
        return new RunProgress(run.going(), run.manuscript(), runs.execution(run).orElse(null), counts.total(),
                counts.done(), counts.failed());
    }
}
