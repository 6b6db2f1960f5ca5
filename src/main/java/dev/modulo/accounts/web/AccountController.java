package dev.modulo.accounts.web;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountEmails;
import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.AccountSessions;
import dev.modulo.accounts.AccountsProperties;
import dev.modulo.accounts.StorageQuota;
import dev.modulo.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The account page: password, plan, storage, preferences, verification, and closing the account. */
@Controller
@RequestMapping("/account")
class AccountController {

    private static final String VIEW = "accounts/account";
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
            .sorted()
            .toList();
    private static final List<Region> REGIONS = java.util.Arrays.stream(Locale.getISOCountries())
            .map(code -> new Region(code, new Locale.Builder().setRegion(code).build().getDisplayCountry(Locale.ENGLISH)))
            .sorted(Comparator.comparing(Region::name))
            .toList();

    record Region(String code, String name) {
    }

    private final AccountService accounts;
    private final AccountSessions sessions;
    private final AccountEmails emails;
    private final StorageQuota quota;
    private final AccountsProperties properties;

    AccountController(AccountService accounts, AccountSessions sessions, AccountEmails emails, StorageQuota quota,
            AccountsProperties properties) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.emails = emails;
        this.quota = quota;
        this.properties = properties;
    }

    /** {@code changed} names what the previous form changed, to confirm it. */
    @GetMapping
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me,
            @RequestParam(name = "changed", required = false) String changed) {
        return page(me, Map.of(), HttpStatus.OK, changed);
    }

    @PostMapping("/password")
    Mono<Rendering> changePassword(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> accounts.changePassword(me.accountId(), form.getFirst("currentPassword"),
                        form.getFirst("newPassword")))
                // This session stays signed in under the new password; all others end.
                .flatMap(account -> sessions.signIn(exchange, account))
                .then(Mono.just(Rendering.redirectTo("/account?changed=password").build()))
                .onErrorResume(InvalidInput.class, invalid -> page(me, invalid.fieldErrors(), HttpStatus.BAD_REQUEST, null));
    }

    @PostMapping("/plan")
    Mono<Rendering> changePlan(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return submit(me, exchange, form -> accounts.changePlan(me.accountId(), form.getFirst("planId")), "plan");
    }

    @PostMapping("/preferences")
    Mono<Rendering> updatePreferences(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return submit(me, exchange, form -> accounts.updatePreferences(me.accountId(), form.getFirst("timeZone"),
                form.getFirst("phoneRegion")), "preferences");
    }

    @PostMapping("/verification")
    Mono<Rendering> resendVerification(@AuthenticationPrincipal AccountPrincipal me) {
        return accounts.find(me.accountId())
                .flatMap(emails::sendVerification)
                .thenReturn(Rendering.redirectTo("/account?changed=verification").build());
    }

    @PostMapping("/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> "DELETE".equals(form.getFirst("confirm"))
                        ? accounts.delete(me.accountId(), form.getFirst("password"))
                        : Mono.error(InvalidInput.of("confirm", "Type DELETE to confirm.")))
                .then(sessions.signOut(exchange))
                .thenReturn(Rendering.redirectTo("/?deleted").build())
                .onErrorResume(InvalidInput.class, invalid -> page(me, invalid.fieldErrors(), HttpStatus.BAD_REQUEST, null));
    }

    private Mono<Rendering> submit(AccountPrincipal me, ServerWebExchange exchange,
            Function<org.springframework.util.MultiValueMap<String, String>, Mono<Account>> change, String what) {
        return exchange.getFormData()
                .flatMap(change)
                .thenReturn(Rendering.redirectTo("/account?changed=" + what).build())
                .onErrorResume(InvalidInput.class, invalid -> page(me, invalid.fieldErrors(), HttpStatus.BAD_REQUEST, null));
    }

    private Mono<Rendering> page(AccountPrincipal me, Map<String, String> errors, HttpStatus status, String changed) {
        return Mono.zip(accounts.find(me.accountId()), quota.usage(me.accountId()))
                .map(found -> Rendering.view(VIEW)
                        .modelAttribute("account", found.getT1())
                        .modelAttribute("plan", accounts.planOf(found.getT1()))
                        .modelAttribute("usage", found.getT2())
                        .modelAttribute("plans", accounts.plans())
                        .modelAttribute("currency", properties.currency())
                        .modelAttribute("zones", ZONES)
                        .modelAttribute("regions", REGIONS)
                        .modelAttribute("errors", errors)
                        .modelAttribute("changed", changed == null ? "" : changed)
                        .status(status)
                        .build());
    }
}
