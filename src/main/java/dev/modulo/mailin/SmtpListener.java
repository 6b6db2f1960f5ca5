package dev.modulo.mailin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.modulo.platform.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import reactor.core.publisher.Mono;

/**
 * The embedded SMTP listener (SubEthaSMTP), started and stopped with the application.
 *
 * <p>Each connection has a thread of its own (SubEthaSMTP names it after the client), never one of
 * Netty's or Reactor's. There the listener waits for the outcome of each step (a {@code Mono} whose
 * database work runs on the database threads), which is fine on a thread that serves nothing else;
 * BlockHound only watches non-blocking threads. The replies keep SMTP's promises:
 * <ul>
 * <li>RCPT: 550 for an address that is not a current posting address; 452 past {@code max-recipients};</li>
 * <li>DATA: 552 past {@code max-message-size}; 554 for a message that cannot be read; 451 (try again
 * later) when storing failed or took too long; 250 only once the post and its pictures are committed.</li>
 * </ul>
 * Stopping lets messages in progress finish (up to the store timeout), refusing new ones with 421.
 * Slots go to senders who send: {@link SessionGuard} closes idle talkers, endless sessions and
 * command floods, and keeps each client to its share.
 */
@Component
class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final MailinProperties properties;
    private final MailinService mailin;
    private final MailInbox inbox;
    private final ConfigurableEnvironment environment;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private volatile SMTPServer server;
    private volatile SessionGuard guard;

    SmtpListener(MailinProperties properties, MailinService mailin, MailInbox inbox, ConfigurableEnvironment environment) {
        this.environment = environment;
        this.properties = properties;
        this.mailin = mailin;
        this.inbox = inbox;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || server != null) {
            return;
        }
        stopping = false;
        SessionGuard sessions = new SessionGuard(properties);
        try {
            server = listen(sessions);
            guard = sessions;
        } catch (RuntimeException failed) {
            sessions.stop();
            throw failed;
        }
        int port = server.getPortAllocated();
        // As local.server.port does for the web port: the port actually taken, when configured as 0.
        environment.getPropertySources().addFirst(new MapPropertySource("modulo-mailin-port",
                Map.of("local.mailin.port", port)));
        log.info("Receiving blog posts by email on port {} for @{}", port, properties.domain());
    }

    private SMTPServer listen(SessionGuard sessions) {
        SMTPServer.Builder builder = SMTPServer.port(properties.port())
                .hostName(properties.domain())
                .softwareName("Modulo")
                .serverThreadName("smtp-listener")
                .executorService(sessionThreads())
                .maxConnections(properties.maxConnections())
                .sessionHandler(sessions)
                .connectionTimeout((int) properties.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxRecipients(properties.maxRecipients())
                // The message is stored as it came: its digest identifies it when it has no Message-ID.
                .insertReceivedHeaders(false)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes()))
                .messageHandlerFactory(Transaction::new);
        if (!properties.bindAddress().isBlank()) {
            try {
                builder.bindAddress(InetAddress.getByName(properties.bindAddress()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("modulo.mailin.bind-address is not an address: " + properties.bindAddress(), e);
            }
        }
        SMTPServer built = builder.build();
        // Idle talkers, endless sessions and command floods: see SessionGuard.
        sessions.guard(built.getCommandHandler());
        built.start();
        return built;
    }

    @Override
    public void stop() {
        SMTPServer running;
        SessionGuard sessions;
        synchronized (this) {
            running = server;
            sessions = guard;
            server = null;
            guard = null;
            synchronized (inFlight) {
                stopping = true;
            }
        }
        if (running == null) {
            return;
        }
        // Messages already being received finish; new ones are refused with 421 meanwhile.
        Instant deadline = Instant.now().plus(properties.storeTimeout());
        synchronized (inFlight) {
            while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
                try {
                    inFlight.wait(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        running.stop();
        sessions.stop();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        // Stops before the web server and well before the database pool goes away.
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    /** Messages being received now (each holds up a stop). */
    int messagesInProgress() {
        return inFlight.get();
    }

    /** The port actually listened on (a free one when configured as 0); -1 when not running. */
    int port() {
        SMTPServer running = server;
        return running == null ? -1 : running.getPortAllocated();
    }

    private static ExecutorService sessionThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "smtp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(factory);
    }

    /** Waits on this SMTP thread for a step's outcome; never called on an event-loop thread. */
    private <T> T await(Mono<T> step) throws RejectException {
        // Cancelling the future cancels the chain (its transaction rolls back), so a step the sender
        // was told to retry does not go on holding a connection beside the retry.
        java.util.concurrent.CompletableFuture<T> outcome = step.toFuture();
        try {
            return outcome.get(properties.storeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new RejectException(421, "4.3.2 Shutting down; please try again later");
        } catch (TimeoutException e) {
            outcome.cancel(true);
            log.warn("An SMTP step took longer than {}", properties.storeTimeout());
            throw new RejectException(451, "4.3.0 Could not store the message in time; please try again later");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MalformedMail malformed) {
                throw new RejectException(554, "5.6.0 " + oneLine(malformed.getMessage()));
            }
            if (cause instanceof HeldMailFull) {
                throw new RejectException(452, "4.2.2 Too much mail is waiting for this address; please try again later");
            }
            if (Busy.isBusy(cause)) {
                log.warn("Busy: a message was answered 451 ({})", cause.toString());
            } else {
                log.error("Storing a message failed; the sender will try again", cause);
            }
            throw new RejectException(451, "4.3.0 Could not store the message; please try again later");
        }
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() > 400 ? line.substring(0, 400) : line;
    }

    /** One mail transaction: MAIL FROM, RCPT TO…, DATA. */
    private final class Transaction implements MessageHandler {

        private final MessageContext context;
        private final Set<Long> accounts = new LinkedHashSet<>();
        private String sender;
        private boolean counted;

        Transaction(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) throws RejectException {
            if (stopping) {
                throw new RejectException(421, "4.3.2 Shutting down; please try again later");
            }
            sender = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            Long account = await(mailin.accountFor(recipient));
            if (account == null) {
                throw new RejectException(550, "5.1.1 <" + oneLine(recipient) + ">: no such posting address here");
            }
            accounts.add(account);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            // Only a message being received holds up a stop; a client idling between RCPT and DATA
            // gets 421 when it sends DATA, instead of keeping the server up for the store timeout.
            synchronized (inFlight) {
                if (stopping) {
                    throw new RejectException(421, "4.3.2 Shutting down; please try again later");
                }
                inFlight.incrementAndGet();
                counted = true;
            }
            try {
                byte[] raw = readAtMost(data, properties.maxMessageSize().toBytes());
                if (raw == null) {
                    throw new RejectException(552, "5.3.4 The message is larger than "
                            + properties.maxMessageSize().toMegabytes() + " MB, the most accepted");
                }
                List<String> outcomes = new ArrayList<>();
                for (long account : accounts) {
                    Delivery delivery = await(inbox.deliver(account, sender, raw));
                    outcomes.add(delivery.outcome().name().toLowerCase(Locale.ROOT));
                    log.debug("Message from {} via {} for account {}: {}", sender, context.getRemoteAddress(), account,
                            delivery);
                }
                return "Ok: " + String.join(", ", outcomes);
            } catch (RejectException refused) {
                // A refused DATA ends the mail transaction (RFC 5321 4.1.1.4), as a successful one does;
                // SubEthaSMTP only resets after success, so the next MAIL would get 503 without this.
                if (context instanceof Session session) {
                    session.resetMailTransaction();
                }
                throw refused;
            }
        }

        /**
         * SubEthaSMTP calls this once the transaction is over: after the reply to DATA went out (or
         * after a refusal reset it, or when the session ends). Only then may a stop close the
         * connection; counting the message out when {@code data} returned let a stop close it between
         * the commit and the 250, and the sender never heard that its message was kept.
         */
        @Override
        public void done() {
            finish();
        }

        private void finish() {
            if (counted) {
                counted = false;
                synchronized (inFlight) {
                    inFlight.decrementAndGet();
                    inFlight.notifyAll();
                }
            }
        }
    }

    /** The message, or null when it is longer than {@code limit} (the rest is read and dropped, to stay in step). */
    static byte[] readAtMost(InputStream data, long limit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = data.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                data.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

}
