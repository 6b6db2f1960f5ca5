package dev.modulo.accounts.web;

import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;

/** The login page; Spring Security handles the POST and the logout. */
@Controller
class LoginController {

    /** Query flags the login page explains: {@code ?error}, {@code ?logout}, … */
    private static final Set<String> NOTICES = Set.of("error", "throttled", "logout", "reset");

    @GetMapping("/login")
    String login(ServerWebExchange exchange, Model model) {
        var query = exchange.getRequest().getQueryParams();
        NOTICES.forEach(notice -> model.addAttribute(notice, query.containsKey(notice)));
        return "accounts/login";
    }
}
