package dev.modulo.accounts;

import java.time.Clock;

import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.ModuloProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Email verification and password reset, both by a one-time link sent by mail. Answers never
 * say whether an address has an account.
 */
@Service
public class AccountEmails {

    private static final Logger log = LoggerFactory.getLogger(AccountEmails.class);

    private final Accounts accounts;
    private final AccountService service;
    private final AccountTokens tokens;
    private final AccountMailer mailer;
    private final PasswordPolicy passwordPolicy;
    private final AccountsProperties properties;
    private final ModuloProperties modulo;
    private final Clock clock;

    AccountEmails(Accounts accounts, AccountService service, AccountTokens tokens, AccountMailer mailer,
            PasswordPolicy passwordPolicy, AccountsProperties properties, ModuloProperties modulo,
            ObjectProvider<Clock> clock) {
        this.accounts = accounts;
        this.service = service;
        this.tokens = tokens;
        this.mailer = mailer;
        this.passwordPolicy = passwordPolicy;
        this.properties = properties;
        this.modulo = modulo;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Mails a verification link; a failing relay is logged, not passed on to the person signing up. */
    public Mono<Void> sendVerification(Account account) {
        if (account.emailVerified()) {
            return Mono.empty();
        }
        return tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL, properties.verificationTtl())
                .flatMap(token -> {
                    String link = modulo.link("/verify-email?token=" + token);
                    return mailer.send(account.email(), "Confirm your email address for Modulo",
                            "Hello " + account.username() + ",\n\nplease confirm your email address by opening this link:\n\n"
                                    + link + "\n\nIt works once, for " + properties.verificationTtl().toHours()
                                    + " hours. If you did not sign up for Modulo, ignore this mail.\n",
                            "email verification", link);
                })
                .onErrorResume(e -> {
                    log.warn("Could not send the verification mail to {}: {}", account.email(), e.toString());
                    return Mono.empty();
                });
    }

    /** Marks the address verified; empty when the link is unknown, used or expired. */
    public Mono<Account> verify(String token) {
        return tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL)
                .flatMap(accountId -> accounts.markEmailVerified(accountId, clock.instant()).then(service.find(accountId)));
    }

    public Mono<Boolean> isResetTokenValid(String token) {
        return tokens.peek(token, AccountTokens.Purpose.RESET_PASSWORD).hasElement();
    }

    /** Mails a reset link when {@code email} has an account; completes the same way when it has not. */
    public Mono<Void> requestPasswordReset(String email) {
        return accounts.findByEmail(EmailAddresses.normalise(email))
                .flatMap(account -> tokens.issue(account.id(), AccountTokens.Purpose.RESET_PASSWORD, properties.resetTtl())
                        .flatMap(token -> {
                            String link = modulo.link("/reset-password?token=" + token);
                            return mailer.send(account.email(), "Reset your Modulo password",
                                    "Hello " + account.username() + ",\n\nsomeone (we hope you) asked to reset your "
                                            + "Modulo password. Choose a new one here:\n\n" + link + "\n\nThe link works once, for "
                                            + properties.resetTtl().toMinutes() + " minutes. If you did not ask, ignore this "
                                            + "mail: your password stays as it is.\n",
                                    "password reset", link);
                        }))
                .onErrorResume(e -> {
                    log.warn("Could not send a password-reset mail: {}", e.toString());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Sets a new password from a reset link and ends every session. Fails with {@link InvalidInput}
     * for a weak password (the link stays usable) or an unknown, used or expired link.
     */
    public Mono<Account> resetPassword(String token, String newPassword) {
        return tokens.peek(token, AccountTokens.Purpose.RESET_PASSWORD)
                .switchIfEmpty(Mono.error(this::expiredLink))
                .flatMap(service::find)
                // Check the new password before the link is used up, so a weak one can be corrected.
                .flatMap(account -> checkNewPassword(account, newPassword))
                .flatMap(account -> tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD)
                        .switchIfEmpty(Mono.error(this::expiredLink))
                        .then(service.setPassword(account, newPassword)))
                // Whoever can read the mailbox has just proved the address.
                .flatMap(account -> accounts.markEmailVerified(account.id(), clock.instant()).then(service.find(account.id())));
    }

    private Mono<Account> checkNewPassword(Account account, String newPassword) {
        return passwordPolicy.problem(newPassword, account.username(), account.email())
                .<Mono<Account>>map(problem -> Mono.error(InvalidInput.of("password", problem)))
                .orElseGet(() -> Mono.just(account));
    }

    private InvalidInput expiredLink() {
        return InvalidInput.of("token", "This link has expired or was already used. Ask for a new one.");
    }
}
