package dev.modulo.accounts.web;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.AccountsProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;

/** The public front page: what Modulo offers, the plans, and a Subscribe button on each. */
@Controller
class LandingController {

    private final AccountService accounts;
    private final AccountsProperties properties;

    LandingController(AccountService accounts, AccountsProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @GetMapping("/")
    String landing(ServerWebExchange exchange, Model model) {
        model.addAttribute("deleted", exchange.getRequest().getQueryParams().containsKey("deleted"));
        model.addAttribute("plans", accounts.plans());
        model.addAttribute("currency", properties.currency());
        model.addAttribute("trialDays", properties.trialDays());
        return "accounts/landing";
    }
}
