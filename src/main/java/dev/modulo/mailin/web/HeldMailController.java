package dev.modulo.mailin.web;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.accounts.AccountService;
import dev.modulo.mailin.MailInbox;
import dev.modulo.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Mail that waits for its owner: from senders not on the list, or damaged. Publish or discard. */
@Controller
class HeldMailController {

    private final MailInbox inbox;
    private final AccountService accounts;

    HeldMailController(MailInbox inbox, AccountService accounts) {
        this.inbox = inbox;
        this.accounts = accounts;
    }

    @GetMapping("/blog/email/held")
    Mono<Rendering> list(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        String done = exchange.getRequest().getQueryParams().getFirst("done");
        return inbox.held(me.accountId())
                .collectList()
                .zipWith(accounts.find(me.accountId()))
                .map(found -> Rendering.view("mailin/held")
                        .modelAttribute("held", found.getT1())
                        .modelAttribute("zone", found.getT2().zone())
                        .modelAttribute("done", done == null ? "" : done)
                        .build());
    }

    @GetMapping("/blog/email/held/{id}")
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return page(me, id, null, HttpStatus.OK);
    }

    @PostMapping("/blog/email/held/{id}/publish")
    Mono<Rendering> publish(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return inbox.publish(me.accountId(), id)
                .map(post -> Rendering.redirectTo("/blog/" + post.id() + "/edit").build())
                .onErrorResume(InvalidInput.class, invalid -> page(me, id,
                        String.join(" ", invalid.fieldErrors().values()), HttpStatus.BAD_REQUEST));
    }

    @PostMapping("/blog/email/held/{id}/discard")
    Mono<Rendering> discard(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return inbox.discard(me.accountId(), id)
                .thenReturn(Rendering.redirectTo("/blog/email/held?done=discarded").build());
    }

    private Mono<Rendering> page(AccountPrincipal me, long id, String problem, HttpStatus status) {
        return inbox.heldMessage(me.accountId(), id)
                .zipWith(accounts.find(me.accountId()))
                .map(found -> Rendering.view("mailin/held-message")
                        .modelAttribute("held", found.getT1())
                        .modelAttribute("zone", found.getT2().zone())
                        .modelAttribute("problem", problem == null ? "" : problem)
                        .status(status)
                        .build());
    }
}
