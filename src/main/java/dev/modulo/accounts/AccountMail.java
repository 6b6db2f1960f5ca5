package dev.modulo.accounts;

import dev.modulo.platform.ModuloProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The mail accounts send: what each says, and where it goes. Each method must run inside the
 * transaction of the change that causes the mail: the mail is queued in {@link AccountMailOutbox}
 * and leaves after the commit. Without a relay, the link is written to the log after the commit
 * instead, so it still works on one machine.
 */
@Component
class AccountMail {

    private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

    private final AccountTokens tokens;
    private final AccountMailOutbox outbox;
    private final AccountMailer mailer;
    private final AccountsProperties properties;
    private final ModuloProperties modulo;

    AccountMail(AccountTokens tokens, AccountMailOutbox outbox, AccountMailer mailer, AccountsProperties properties,
            ModuloProperties modulo) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
        this.modulo = modulo;
    }

    /** A link that confirms the account's address. */
    Mono<Void> verification(Account account) {
        return tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL, properties.verificationTtl())
                .flatMap(token -> {
                    String link = modulo.link("/verify-email?token=" + token);
                    return queue(account, "email verification", "Confirm your email address for Modulo",
                            "Hello " + account.username() + ",\n\nplease confirm your email address by opening this link:\n\n"
                                    + link + "\n\nIt works once, for " + properties.verificationTtl().toHours()
                                    + " hours. If you did not sign up for Modulo, ignore this mail.\n",
                            link);
                });
    }

    /** Tells the owner of an address that someone tried to open an account with it. */
    Mono<Void> signupNotice(Account owner) {
        String login = modulo.link("/login");
        String reset = modulo.link("/forgot-password");
        return queue(owner, "sign-up notice", "Someone tried to sign up to Modulo with your address",
                "Hello " + owner.username() + ",\n\nsomeone just tried to open a Modulo account with this email "
                        + "address. It already belongs to your account, " + owner.username() + ", so it was not "
                        + "given to another one.\n\nIf it was you: log in at\n\n" + login + "\n\nor, if you have "
                        + "forgotten your password, choose a new one at\n\n" + reset + "\n\nIf it was not you, ignore "
                        + "this mail: nothing in your account has changed.\n",
                login);
    }

    /** A link that sets a new password. */
    Mono<Void> passwordReset(Account account) {
        return tokens.issue(account.id(), AccountTokens.Purpose.RESET_PASSWORD, properties.resetTtl())
                .flatMap(token -> {
                    String link = modulo.link("/reset-password?token=" + token);
                    return queue(account, "password reset", "Reset your Modulo password",
                            "Hello " + account.username() + ",\n\nsomeone (we hope you) asked to reset your "
                                    + "Modulo password. Choose a new one here:\n\n" + link + "\n\nThe link works once, for "
                                    + properties.resetTtl().toMinutes() + " minutes. If you did not ask, ignore this "
                                    + "mail: your password stays as it is.\n",
                            link);
                });
    }

    private Mono<Void> queue(Account account, String purpose, String subject, String body, String link) {
        if (!mailer.relayConfigured()) {
            return AccountMailOutbox.afterCommit(() -> log.info(
                    "No mail relay configured (spring.mail.host): {} link for {}: {}", purpose, account.email(), link));
        }
        return outbox.enqueue(account.id(), purpose, account.email(), subject, body);
    }
}
