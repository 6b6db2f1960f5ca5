package dev.modulo.accounts.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the POST and the logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "accounts/login";
    }
}
