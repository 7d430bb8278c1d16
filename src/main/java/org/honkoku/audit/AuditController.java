package org.honkoku.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The review log, for admins: the latest actions, by user, page or box. */
@Controller
class AuditController {

    static final int LIMIT = 500;

    private final AuditRepository audit;

    AuditController(AuditRepository audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String user, @RequestParam(required = false) Long page,
                 @RequestParam(required = false) Long box, Model model) {
        model.addAttribute("entries", audit.latest(user, page, box, LIMIT));
        model.addAttribute("user", user);
        model.addAttribute("page", page);
        model.addAttribute("box", box);
        return "admin/audit";
    }
}
