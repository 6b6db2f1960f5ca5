package dev.modulo.accounts;

import java.time.Clock;

import dev.modulo.platform.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Email verification and password reset, both by a one-time link sent by mail. Answers never
 * say whether an address has an account. Mail is queued with the token that its link carries and
 * sent after the answer (see {@link AccountMailOutbox}).
 */
@Service
public class AccountEmails {

    private final Accounts accounts;
    private final AccountService service;
    private final AccountTokens tokens;
    private final AccountMail mail;
    private final PasswordPolicy passwordPolicy;
    private final TransactionalOperator transactions;
    private final Clock clock;

    AccountEmails(Accounts accounts, AccountService service, AccountTokens tokens, AccountMail mail,
            PasswordPolicy passwordPolicy, TransactionalOperator transactions, ObjectProvider<Clock> clock) {
        this.accounts = accounts;
        this.service = service;
        this.tokens = tokens;
        this.mail = mail;
        this.passwordPolicy = passwordPolicy;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Mails a new verification link. When another account owns the address meanwhile, nothing is
     * sent (its owner has had a notice at sign-up), and the answer is the same.
     */
    public Mono<Void> sendVerification(Account account) {
        if (account.emailVerified()) {
            return Mono.empty();
        }
        return accounts.findByLoginEmail(account.email())
                .map(owner -> !owner.id().equals(account.id()))
                .defaultIfEmpty(false)
                .flatMap(ownedByAnother -> ownedByAnother
                        ? Mono.empty()
                        : transactions.transactional(mail.verification(account)));
    }

    /**
     * Confirms the address (it becomes the account's own, for login and reset); empty when the
     * link is unknown, used or expired. Fails with {@link InvalidInput} when another account
     * confirmed the same address first; whoever opened the link has shown they read its mail.
     */
    public Mono<Account> verify(String token) {
        return tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL)
                .flatMap(accountId -> accounts.confirmEmail(accountId, clock.instant())
                        .onErrorMap(DataIntegrityViolationException.class, taken -> InvalidInput.of("token",
                                "This address already belongs to another Modulo account. Log in to that one, "
                                        + "or reset its password."))
                        .then(service.find(accountId)));
    }

    public Mono<Boolean> isResetTokenValid(String token) {
        return tokens.peek(token, AccountTokens.Purpose.RESET_PASSWORD).hasElement();
    }

    /**
     * Queues a reset link when {@code email} belongs to an account (or, failing that, to the
     * newest account that gave it and never confirmed it); completes the same way when not.
     */
    public Mono<Void> requestPasswordReset(String email) {
        String address = EmailAddresses.normalise(email);
        return accounts.findByLoginEmail(address)
                .switchIfEmpty(Mono.defer(() -> accounts.findNewestUnconfirmed(address)))
                .flatMap(account -> transactions.transactional(mail.passwordReset(account)))
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
                // Whoever can read the mailbox has just proved the address, unless another account owns it.
                .flatMap(account -> accounts.confirmEmail(account.id(), clock.instant())
                        .onErrorResume(DataIntegrityViolationException.class, ownedByAnother -> Mono.empty())
                        .then(service.find(account.id())));
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
