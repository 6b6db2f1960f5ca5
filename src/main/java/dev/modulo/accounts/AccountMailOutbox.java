package dev.modulo.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Account mail waiting for the relay (table {@code account_mail}). A mail is queued in the same
 * transaction as the change that causes it, so it exists exactly when that change does, and the
 * {@link AccountMailSender} is woken once the transaction commits.
 *
 * <p>{@code next_attempt_at} is both when a mail is due and the lease of a sender working on it:
 * {@link #claim} moves it into the future with a conditional {@code UPDATE} on the attempt count
 * it read, and only the sender whose update counted owns the mail. That works alike on H2 and
 * PostgreSQL and across instances, without {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class AccountMailOutbox {

    /** A queued mail as a sender read it; {@code attempts} is the count before its claim. */
    record Mail(long id, long accountId, String purpose, String recipient, String subject, String body, int attempts) {
    }

    /** What became of a failed attempt: tried again at {@code nextAttempt}, or given up. */
    record Failure(boolean gaveUp, int attempts, Instant nextAttempt) {
    }

    private static final int MAX_ERROR_LENGTH = 500;

    private final DatabaseClient db;
    private final AccountsProperties properties;
    private final Clock clock;
    private final Sinks.Many<Long> wakeups = Sinks.many().multicast().directBestEffort();

    AccountMailOutbox(DatabaseClient db, AccountsProperties properties, ObjectProvider<Clock> clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Queues a mail in the caller's transaction (there must be one); the sender wakes after it commits. */
    Mono<Void> enqueue(long accountId, String purpose, String recipient, String subject, String body) {
        Instant now = clock.instant();
        // Registered first: outside a transaction this fails before anything is written.
        return afterCommit(this::wake).then(db.sql("""
                        INSERT INTO account_mail (account_id, purpose, recipient, subject, body, attempts, next_attempt_at, created_at)
                        VALUES (:account, :purpose, :recipient, :subject, :body, 0, :now, :now)""")
                .bind("account", accountId)
                .bind("purpose", purpose)
                .bind("recipient", recipient)
                .bind("subject", subject)
                .bind("body", body)
                .bind("now", now)
                .then());
    }

    /** Signals that mail may be due now. */
    void wake() {
        // Fails only while another thread signals at the same moment: that signal wakes the sender.
        wakeups.tryEmitNext(clock.millis());
    }

    Flux<Long> wakeups() {
        return wakeups.asFlux();
    }

    /** Mail due now, oldest first. */
    Flux<Mail> due(int limit) {
        return db.sql("""
                        SELECT id, account_id, purpose, recipient, subject, body, attempts FROM account_mail
                        WHERE failed_at IS NULL AND next_attempt_at <= :now
                        ORDER BY next_attempt_at, id
                        LIMIT :limit""")
                .bind("now", clock.instant())
                .bind("limit", limit)
                .map(row -> new Mail(row.get("id", Long.class), row.get("account_id", Long.class),
                        row.get("purpose", String.class), row.get("recipient", String.class),
                        row.get("subject", String.class), row.get("body", String.class),
                        row.get("attempts", Integer.class)))
                .all();
    }

    /** True when this caller now owns {@code mail} for {@code lease}: nobody else claimed it since it was read. */
    Mono<Boolean> claim(Mail mail, Duration lease) {
        Instant now = clock.instant();
        return db.sql("""
                        UPDATE account_mail SET attempts = attempts + 1, next_attempt_at = :until
                        WHERE id = :id AND attempts = :seen AND failed_at IS NULL AND next_attempt_at <= :now""")
                .bind("until", now.plus(lease))
                .bind("id", mail.id())
                .bind("seen", mail.attempts())
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated == 1);
    }

    /** The relay took it: nothing more to do, and the link it carried leaves the database. */
    Mono<Void> sent(Mail mail) {
        return db.sql("DELETE FROM account_mail WHERE id = :id").bind("id", mail.id()).then();
    }

    /**
     * Records a failed attempt of a claimed mail: tried again after a growing delay, or, after
     * {@code modulo.accounts.mail-attempts}, given up. A given-up row stays, marked failed with
     * its last error, so the operator can see what was not delivered to whom; its body (with a
     * one-time link) is cleared.
     */
    Mono<Failure> failed(Mail mail, Throwable error) {
        Instant now = clock.instant();
        int attempts = mail.attempts() + 1;
        String reason = abbreviate(String.valueOf(error));
        if (attempts >= properties.mailAttempts()) {
            return db.sql("UPDATE account_mail SET failed_at = :now, body = NULL, last_error = :error WHERE id = :id")
                    .bind("now", now)
                    .bind("error", reason)
                    .bind("id", mail.id())
                    .then()
                    .thenReturn(new Failure(true, attempts, null));
        }
        Instant next = now.plus(backoff(attempts));
        return db.sql("UPDATE account_mail SET next_attempt_at = :next, last_error = :error WHERE id = :id")
                .bind("next", next)
                .bind("error", reason)
                .bind("id", mail.id())
                .then()
                .thenReturn(new Failure(false, attempts, next));
    }

    /** When the earliest mail still to send is due (or its lease ends); empty when none waits. */
    Mono<Instant> nextAttempt() {
        return db.sql("SELECT MIN(next_attempt_at) AS next_attempt FROM account_mail WHERE failed_at IS NULL")
                .map(row -> java.util.Optional.ofNullable(row.get("next_attempt", OffsetDateTime.class)))
                .one()
                .flatMap(next -> Mono.justOrEmpty(next.map(OffsetDateTime::toInstant)));
    }

    /** The delay before attempt {@code attempts + 1}: the first retry delay, doubled each time, capped. */
    Duration backoff(int attempts) {
        Duration first = properties.mailRetryDelay();
        Duration max = properties.mailRetryMaxDelay();
        int doublings = Math.min(attempts - 1, 30);
        Duration delay = first.multipliedBy(1L << Math.max(doublings, 0));
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Runs {@code action} once the current transaction has committed; nothing if it rolls back. */
    static Mono<Void> afterCommit(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(action);
                    }
                }))
                .then();
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
