package dev.modulo.accounts.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.AccountSessions;
import dev.modulo.accounts.AccountsProperties;
import dev.modulo.platform.InvalidInput;
import dev.modulo.web.ClientAddress;
import dev.modulo.web.RateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@Controller
class SignupController {

    private static final String VIEW = "accounts/signup";

    private final AccountService accounts;
    private final AccountSessions sessions;
    private final AccountsProperties properties;
    private final RateLimiter signups;

    SignupController(AccountService accounts, AccountSessions sessions, AccountsProperties properties) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.properties = properties;
        this.signups = new RateLimiter(properties.signupsPerHour(), Duration.ofHours(1));
    }

    @GetMapping("/signup")
    Rendering initSignupForm(@RequestParam(name = "plan", required = false) String plan) {
        String chosen = plan != null && properties.plan(plan).isPresent() ? plan : accounts.plans().get(0).id();
        return form(SignupForm.forPlan(chosen), Map.of(), HttpStatus.OK);
    }

    @PostMapping("/signup")
    Mono<Rendering> processSignupForm(@ModelAttribute("form") SignupForm form, ServerWebExchange exchange) {
        if (form.isBot()) {
            return Mono.just(form(form.withoutPassword(), Map.of("form",
                    "Your browser filled in a field meant to catch robots. If you are a person, "
                            + "clear your browser's autofill for this page and try again."), HttpStatus.BAD_REQUEST));
        }
        if (!signups.tryAcquire(ClientAddress.of(exchange))) {
            return Mono.just(form(form.withoutPassword(), Map.of("form",
                    "Too many sign-ups from your network in the last hour. Please try again later."),
                    HttpStatus.TOO_MANY_REQUESTS));
        }
        return accounts.signup(form.toRequest(regionOf(exchange)))
                // The first mail was queued with the account; it leaves after this answer.
                .flatMap(account -> sessions.signIn(exchange, account)
                        .thenReturn(Rendering.redirectTo("/dashboard?welcome").build()))
                .onErrorResume(InvalidInput.class, invalid ->
                        Mono.just(form(form.withoutPassword(), invalid.fieldErrors(), HttpStatus.BAD_REQUEST)));
    }

    private Rendering form(SignupForm form, Map<String, String> errors, HttpStatus status) {
        return Rendering.view(VIEW)
                .modelAttribute("form", form)
                .modelAttribute("errors", errors)
                .modelAttribute("plans", accounts.plans())
                .modelAttribute("currency", properties.currency())
                .modelAttribute("trialDays", properties.trialDays())
                .status(status)
                .build();
    }

    /** The country of the browser's preferred language, when the page's script could not tell. */
    private static String regionOf(ServerWebExchange exchange) {
        try {
            return exchange.getRequest().getHeaders().getAcceptLanguageAsLocales().stream()
                    .map(Locale::getCountry)
                    .filter(country -> !country.isEmpty())
                    .findFirst()
                    .orElse("");
        } catch (IllegalArgumentException malformedHeader) {
            return "";
        }
    }
}
