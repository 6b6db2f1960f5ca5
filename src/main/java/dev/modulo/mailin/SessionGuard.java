package dev.modulo.mailin;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Keeps the SMTP listener's slots for senders who send. SubEthaSMTP's connection timeout is a
 * socket read timeout: any line resets it, so a client sending NOOP every few seconds would keep
 * its slot for ever. Here a connection is idle from its last step forward in a mail transaction
 * (a first HELO/EHLO, MAIL, RCPT, DATA, BDAT, AUTH, STARTTLS, QUIT), whatever else it sends (NOOP,
 * RSET, HELP, VRFY, EXPN, another EHLO, unknown commands); idle past the connection timeout, it is
 * closed. Each connection also has a most time and a most number of commands, and each client
 * (an IPv4 address, or an IPv6 /64, which one subscriber usually holds whole) a most number of
 * connections, always fewer than all of them.
 *
 * <p>Three parts: a {@link SessionHandler} (admission per client, bookkeeping), a wrapper around
 * each of SubEthaSMTP's commands (counting, progress, a 421 to an idle talker's next command, the
 * socket's read timeout set to what is left), and a reaper thread that closes connections that
 * are past their time while they send only lines no command sees.
 */
final class SessionGuard implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

    /** Steps forward in a mail transaction; a repeated HELO/EHLO is not one. */
    private static final Set<String> PROGRESS = Set.of("MAIL", "RCPT", "DATA", "BDAT", "AUTH", "STARTTLS", "QUIT");

    private final int maxPerClient;
    private final long idleNanos;
    private final long maxSessionNanos;
    private final int maxCommands;
    private final ConcurrentMap<String, Integer> perClient = new ConcurrentHashMap<>();
    private final ConcurrentMap<Session, Talk> talks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;

    SessionGuard(MailinProperties properties) {
        this.maxPerClient = properties.maxConnectionsPerClient();
        this.idleNanos = properties.connectionTimeout().toNanos();
        this.maxSessionNanos = properties.maxSessionTime().toNanos();
        this.maxCommands = properties.maxCommands();
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtp-guard");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(Duration.ofMillis(50).toNanos(),
                Math.min(Math.min(idleNanos, maxSessionNanos) / 4, Duration.ofSeconds(5).toNanos()));
        reaper.scheduleWithFixedDelay(this::closeOverdue, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** Wraps every command the server knows, so each one passes through {@link #before} and {@link #after}. */
    void guard(CommandHandler commands) {
        for (String verb : List.copyOf(commands.getVerbs())) {
            commands.addCommand(new Guarded(commands.getCommand(verb)));
        }
    }

    /** Stops the reaper; the server closes the connections themselves. */
    void stop() {
        reaper.shutdownNow();
    }

    @Override
    public SessionAcceptance accept(Session session) {
        String client = clientOf(session.getRemoteAddress());
        boolean[] admitted = {false};
        perClient.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerClient) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            log.info("Refused an SMTP connection from {}: it already has {} open", client, maxPerClient);
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address; try again later");
        }
        talks.put(session, new Talk(client, System.nanoTime()));
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        Talk talk = talks.remove(session);
        if (talk != null) {
            perClient.computeIfPresent(talk.client, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Before a command runs: counted, and refused (closing the connection) past a limit. True for progress. */
    private boolean before(Session session, String verb) throws DropConnectionException {
        Talk talk = talks.get(session);
        if (talk == null) {
            return false;
        }
        long now = System.nanoTime();
        if (++talk.commands > maxCommands) {
            log.info("Closed an SMTP connection from {}: more than {} commands", talk.client, maxCommands);
            throw new DropConnectionException(421, "4.7.0 Too many commands on one connection; closing it");
        }
        if (now - talk.started > maxSessionNanos) {
            log.info("Closed an SMTP connection from {}: open for longer than {}", talk.client, Duration.ofNanos(maxSessionNanos));
            throw new DropConnectionException(421, "4.4.2 This connection has been open too long; closing it");
        }
        boolean progress = PROGRESS.contains(verb) || (verb.equals("EHLO") || verb.equals("HELO")) && !talk.greeted;
        if (!progress && now - talk.lastProgress > idleNanos) {
            log.info("Closed an SMTP connection from {}: idle (only {} and the like) for longer than {}", talk.client,
                    verb, Duration.ofNanos(idleNanos));
            throw new DropConnectionException(421, "4.4.2 Idle for too long; closing the connection");
        }
        if (progress) {
            talk.lastProgress = now;
            talk.greeted |= verb.equals("EHLO") || verb.equals("HELO");
            // A whole read timeout again for what follows, such as the message after DATA.
            readTimeout(session, Math.min(idleNanos, talk.started + maxSessionNanos - now));
        }
        talk.busy = true;
        return progress;
    }

    /** After a command: the next line must come before the connection's idle time or its whole time is up. */
    private void after(Session session, boolean progress) {
        Talk talk = talks.get(session);
        if (talk == null) {
            return;
        }
        long now = System.nanoTime();
        if (progress) {
            // Idle time counts from the end of a step: storing a message may take a while.
            talk.lastProgress = now;
        }
        talk.busy = false;
        readTimeout(session, Math.min(talk.lastProgress + idleNanos, talk.started + maxSessionNanos) - now);
    }

    /**
     * Closes connections past their time that no command has noticed: one busy for longer than a
     * connection may last (a message trickling in), or one idle that sends only unknown commands.
     * Only closes the socket (writing could block this thread on a client that does not read).
     */
    private void closeOverdue() {
        long now = System.nanoTime();
        talks.forEach((session, talk) -> {
            boolean tooLong = now - talk.started > maxSessionNanos;
            boolean idle = !talk.busy && now - talk.lastProgress > idleNanos;
            if ((tooLong || idle) && talks.remove(session, talk)) {
                perClient.computeIfPresent(talk.client, (key, count) -> count <= 1 ? null : count - 1);
                log.info("Closed an SMTP connection from {}: {}", talk.client, tooLong ? "open for too long" : "idle");
                session.quit();
            }
        });
    }

    private static void readTimeout(Session session, long nanos) {
        try {
            session.getSocket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos))));
        } catch (SocketException closed) {
            // The connection is going away; its own read will say so.
        }
    }

    /** An IPv4 address; an IPv6 address's /64, since one subscriber is usually given a whole /64. */
    static String clientOf(InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return "unknown";
        }
        if (address instanceof Inet6Address) {
            return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    /** What is known of one connection. Written by its own thread; read by the reaper. */
    private static final class Talk {

        final String client;
        final long started;
        volatile long lastProgress;
        volatile boolean busy;
        boolean greeted;
        int commands;

        Talk(String client, long started) {
            this.client = client;
            this.started = started;
            this.lastProgress = started;
        }
    }

    /** One of SubEthaSMTP's commands, run between {@link #before} and {@link #after}. */
    private final class Guarded implements Command {

        private final Command command;
        private final String verb;

        Guarded(Command command) {
            this.command = command;
            this.verb = command.getName().toUpperCase(Locale.ROOT);
        }

        @Override
        public void execute(String commandString, Session session) throws IOException, DropConnectionException {
            boolean progress = before(session, verb);
            try {
                command.execute(commandString, session);
            } finally {
                after(session, progress);
            }
        }

        @Override
        public HelpMessage getHelp() throws CommandException {
            return command.getHelp();
        }

        @Override
        public String getName() {
            return command.getName();
        }
    }
}
