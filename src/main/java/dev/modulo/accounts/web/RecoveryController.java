package dev.modulo.accounts.web;

import java.util.Map;

import dev.modulo.accounts.AccountEmails;
import dev.modulo.accounts.AccountsProperties;
import java.time.Duration;

import dev.modulo.platform.InvalidInput;
import dev.modulo.web.ClientAddress;
import dev.modulo.web.RateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Links that arrive by mail. Opening a link (GET) only shows a form; the change happens when the
 * person submits it, so mail scanners that follow links change nothing.
 */
@Controller
class RecoveryController {

    private final AccountEmails emails;
    // Reset mails per client address: enough for a person, too few to flood someone's mailbox.
    private final RateLimiter resetRequests;

    RecoveryController(AccountEmails emails, AccountsProperties properties) {
        this.emails = emails;
        this.resetRequests = new RateLimiter(properties.resetsPerHour(), Duration.ofHours(1));
    }

    @GetMapping("/verify-email")
    Rendering verifyEmailForm(@RequestParam(name = "token", defaultValue = "") String token) {
        return Rendering.view("accounts/verify-email").modelAttribute("token", token).build();
    }

    @PostMapping("/verify-email")
    Mono<Rendering> verifyEmail(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> emails.verify(form.getFirst("token")))
                .map(account -> Rendering.view("accounts/verify-email").modelAttribute("verified", true).build())
                .defaultIfEmpty(Rendering.view("accounts/verify-email")
                        .modelAttribute("expired", true)
                        .status(HttpStatus.BAD_REQUEST)
                        .build())
                .onErrorResume(InvalidInput.class, taken -> Mono.just(Rendering.view("accounts/verify-email")
                        .modelAttribute("taken", taken.fieldErrors().get("token"))
                        .status(HttpStatus.CONFLICT)
                        .build()));
    }

    @GetMapping("/forgot-password")
    String forgotPasswordForm() {
        return "accounts/forgot-password";
    }

    @PostMapping("/forgot-password")
    Mono<Rendering> requestReset(ServerWebExchange exchange) {
        if (!resetRequests.tryAcquire(ClientAddress.of(exchange))) {
            return Mono.just(Rendering.view("accounts/forgot-password")
                    .modelAttribute("throttled", true)
                    .status(HttpStatus.TOO_MANY_REQUESTS)
                    .build());
        }
        return exchange.getFormData()
                .flatMap(form -> emails.requestPasswordReset(String.valueOf(form.getFirst("email"))))
                // The same answer whether or not the address has an account.
                .thenReturn(Rendering.view("accounts/forgot-password").modelAttribute("sent", true).build());
    }

    @GetMapping("/reset-password")
    Mono<Rendering> resetPasswordForm(@RequestParam(name = "token", defaultValue = "") String token) {
        return emails.isResetTokenValid(token)
                .map(valid -> valid
                        ? resetForm(token, Map.of(), HttpStatus.OK)
                        : resetForm("", Map.of("token", "This link has expired or was already used. Ask for a new one."),
                                HttpStatus.BAD_REQUEST));
    }

    @PostMapping("/reset-password")
    Mono<Rendering> resetPassword(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> emails.resetPassword(form.getFirst("token"), form.getFirst("password"))
                        .thenReturn(Rendering.redirectTo("/login?reset").build())
                        .onErrorResume(InvalidInput.class, invalid -> Mono.just(
                                resetForm(invalid.fieldErrors().containsKey("token") ? "" : form.getFirst("token"),
                                        invalid.fieldErrors(), HttpStatus.BAD_REQUEST))));
    }

    private static Rendering resetForm(String token, Map<String, String> errors, HttpStatus status) {
        return Rendering.view("accounts/reset-password")
                .modelAttribute("token", token)
                .modelAttribute("errors", errors)
                .status(status)
                .build();
    }
}
