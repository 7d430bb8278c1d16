package org.honkoku.users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The user list, for admins (users are created on the command line: {@code ./honkoku users add}). */
@Controller
class AdminUsersController {

    private final UserRepository users;

    AdminUsersController(UserRepository users) {
        this.users = users;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", users.all());
        return "admin/users";
    }
}
