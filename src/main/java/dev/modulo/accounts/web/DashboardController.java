package dev.modulo.accounts.web;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.accounts.AccountService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** Where a person lands after signing in: the app shell with a tab per module. */
@Controller
class DashboardController {

    private final AccountService accounts;

    DashboardController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/dashboard")
    Mono<Rendering> dashboard(@AuthenticationPrincipal AccountPrincipal me,
            ServerWebExchange exchange) {
        return accounts.find(me.accountId())
                .map(account -> Rendering.view("accounts/dashboard")
                        .modelAttribute("account", account)
                        .modelAttribute("plan", accounts.planOf(account))
                        .modelAttribute("welcome", exchange.getRequest().getQueryParams().containsKey("welcome"))
                        .build());
    }
}
