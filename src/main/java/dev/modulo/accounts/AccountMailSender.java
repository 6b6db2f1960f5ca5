package dev.modulo.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Works through {@link AccountMailOutbox} on the mail bulkhead: woken right after a commit that
 * queued mail, at the time the next retry is due, and every {@code modulo.accounts.mail-poll-interval}
 * in case a signal was missed (another instance queued it, or this one restarted). One pass at a
 * time; signals that arrive during a pass make one more pass. Runs only with a relay configured.
 */
@Component
class AccountMailSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountMailSender.class);

    /** How long a claimed mail is this sender's: longer than any send can take (see SEND_DEADLINE). */
    static final Duration LEASE = Duration.ofMinutes(5);
    // JavaMail's own timeouts bound each step; this bounds the whole conversation.
    private static final Duration SEND_DEADLINE = Duration.ofMinutes(2);
    private static final Duration FIRST_PASS = Duration.ofSeconds(1);
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(100);
    private static final int BATCH = 20;

    private final AccountMailOutbox outbox;
    private final AccountMailer mailer;
    private final AccountsProperties properties;
    private final Clock clock;
    private final Sinks.Many<Duration> retryTimer = Sinks.many().replay().latest();
    private volatile Disposable running;

    AccountMailSender(AccountMailOutbox outbox, AccountMailer mailer, AccountsProperties properties,
            ObjectProvider<Clock> clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void start() {
        if (!mailer.relayConfigured()) {
            return; // Nothing is queued without a relay: links go to the log.
        }
        Flux<Object> signals = Flux.merge(
                outbox.wakeups(),
                Flux.interval(FIRST_PASS, properties.mailPollInterval()),
                retryTimer.asFlux().switchMap(Mono::delay));
        running = signals
                .onBackpressureLatest()
                .concatMap(signal -> pass(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }

    /** Sends what is due, then sets the timer for the next mail due. Never fails: the next pass tries again. */
    private Mono<Void> pass() {
        return outbox.due(BATCH)
                .concatMap(mail -> outbox.claim(mail, LEASE)
                        .filter(claimed -> claimed)
                        .flatMap(claimed -> deliver(mail)))
                .then(outbox.nextAttempt())
                .doOnNext(this::setTimer)
                .then()
                .onErrorResume(error -> {
                    log.warn("Could not work through the account mail outbox (will try again): {}", error.toString());
                    setTimer(clock.instant().plus(properties.mailRetryDelay()));
                    return Mono.empty();
                });
    }

    private Mono<Void> deliver(AccountMailOutbox.Mail mail) {
        return mailer.send(mail.recipient(), mail.subject(), mail.body())
                .timeout(SEND_DEADLINE)
                .onErrorResume(AccountMailSender::acceptedBeforeTheError, error -> {
                    log.info("The relay took {} mail to {}, then the connection failed: {}", mail.purpose(),
                            mail.recipient(), error.toString());
                    return Mono.empty();
                })
                .then(Mono.<Optional<Throwable>>just(Optional.empty()))
                .onErrorResume(error -> Mono.just(Optional.of(error)))
                .flatMap(error -> error.isEmpty()
                        ? outbox.sent(mail).doOnSuccess(done -> log.info("Sent {} mail to {}", mail.purpose(), mail.recipient()))
                        : outbox.failed(mail, error.get()).doOnNext(failure -> logFailure(mail, failure, error.get())).then());
    }

    /**
     * Spring reports a failure to close the connection after the relay accepted the message as a
     * {@link MailSendException} that names no failed message: sending it again would duplicate it.
     */
    private static boolean acceptedBeforeTheError(Throwable error) {
        return error instanceof MailSendException send && send.getFailedMessages().isEmpty();
    }

    private void logFailure(AccountMailOutbox.Mail mail, AccountMailOutbox.Failure failure, Throwable error) {
        if (failure.gaveUp()) {
            log.warn("Gave up sending {} mail to {} after {} attempts: {}", mail.purpose(), mail.recipient(),
                    failure.attempts(), error.toString());
        } else {
            log.warn("Could not send {} mail to {} (attempt {}; trying again at {}): {}", mail.purpose(),
                    mail.recipient(), failure.attempts(), failure.nextAttempt(), error.toString());
        }
    }

    private void setTimer(Instant next) {
        Duration wait = Duration.between(clock.instant(), next);
        retryTimer.tryEmitNext(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait);
    }
}
