package dev.modulo.mailin.web;

import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.mailin.MailInbox;
import dev.modulo.mailin.MailinService;
import dev.modulo.mailin.MailinSettings;
import dev.modulo.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Blog by email: the secret posting address, regenerating it, and the allowed senders. */
@Controller
class MailinController {

    private final MailinService mailin;
    private final MailInbox inbox;

    MailinController(MailinService mailin, MailInbox inbox) {
        this.mailin = mailin;
        this.inbox = inbox;
    }

    @GetMapping("/blog/email")
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        String done = exchange.getRequest().getQueryParams().getFirst("done");
        return mailin.settings(me.accountId())
                .zipWith(inbox.heldCount(me.accountId()))
                .map(found -> page(found.getT1(), null, Map.of(), done, HttpStatus.OK, found.getT2()));
    }

    @PostMapping("/blog/email/address")
    Mono<Rendering> regenerate(@AuthenticationPrincipal AccountPrincipal me) {
        return mailin.regenerate(me.accountId())
                .thenReturn(Rendering.redirectTo("/blog/email?done=address").build());
    }

    @PostMapping("/blog/email/senders")
    Mono<Rendering> senders(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> mailin.updateSenders(me.accountId(), form.getFirst("senders"))
                .thenReturn(Rendering.redirectTo("/blog/email?done=senders").build())
                .onErrorResume(InvalidInput.class, invalid -> mailin.settings(me.accountId())
                        .zipWith(inbox.heldCount(me.accountId()))
                        .map(found -> page(found.getT1(), form.getFirst("senders"), invalid.fieldErrors(), null,
                                HttpStatus.BAD_REQUEST, found.getT2()))));
    }

    private static Rendering page(MailinSettings settings, String typedSenders, Map<String, String> errors,
            String done, HttpStatus status, long held) {
        return Rendering.view("mailin/settings")
                .modelAttribute("settings", settings)
                .modelAttribute("sendersText", typedSenders != null ? typedSenders
                        : String.join("\n", settings.allowedSenders()))
                .modelAttribute("errors", errors)
                .modelAttribute("done", done == null ? "" : done)
                .modelAttribute("heldCount", held)
                .status(status)
                .build();
    }
}
