package dev.modulo.mailin;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.modulo.accounts.AccountService;
import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP slots go to senders who send: a talker that only sends NOOP (or RSET, HELP, VRFY, another
 * EHLO) is idle and closed at the idle timeout; a connection lasts at most max-session-time and
 * max-commands; one client address holds at most its share. Each client here is a loopback address
 * of its own (127.0.0.x), as the server sees it. Timeouts are short, so that nothing waits long;
 * the assertions are about outcomes (closed or not, 250 or not), never about how long they took.
 */
@ModuloIntegrationTest
@TestPropertySource(properties = {
        "modulo.mailin.connection-timeout=2s",
        "modulo.mailin.max-session-time=8s",
        "modulo.mailin.max-commands=200",
        "modulo.mailin.max-connections=4",
        "modulo.mailin.max-connections-per-client=2"})
class MailinSlotsTest {

    @Autowired
    WebTestClient client;

    @Autowired
    SmtpListener listener;

    @Autowired
    AccountService accounts;

    @Autowired
    BlogService blog;

    @Test
    void aTalkerThatOnlySendsNoopIsClosedAtTheIdleTimeout() {
        try (SmtpDialog talker = new SmtpDialog(listener.port(), "127.0.0.5")) {
            assertThat(talker.command("EHLO idle.example").code()).isEqualTo(250);
            // NOOP every 300 ms for up to 30 s: each one answered, none of them a step forward.
            assertThat(talker.repeatUntilClosed("NOOP", 100, 300)).as("closed while still talking").isTrue();
        }
        try (SmtpDialog talker = new SmtpDialog(listener.port(), "127.0.0.5")) {
            assertThat(talker.command("EHLO idle.example").code()).isEqualTo(250);
            String[] idle = {"RSET", "HELP", "VRFY <ann@example.org>", "EHLO again.example"};
            boolean closed = false;
            for (int round = 0; round < 25 && !closed; round++) {
                closed = talker.repeatUntilClosed(idle[round % idle.length], 1, 300);
            }
            assertThat(closed).as("RSET, HELP, VRFY and a second EHLO are idle too").isTrue();
        }
    }

    @Test
    void idleTalkersFromOneClientNeitherKeepOthersOutNorKeepTheirSlots() throws Exception {
        Person ann = signUp();
        ExecutorService talking = Executors.newCachedThreadPool();
        List<SmtpDialog> talkers = new ArrayList<>();
        try {
            // Ten connections from one client: it gets its share (2), not every slot.
            int admitted = 0;
            for (int i = 0; i < 10; i++) {
                SmtpDialog talker = open("127.0.0.2");
                if (talker != null && talker.greeting().code() == 220) {
                    talkers.add(talker);
                    admitted++;
                } else if (talker != null) {
                    talker.close();
                }
            }
            assertThat(admitted).isEqualTo(2);

            // An honest sender from another address gets in at once.
            try (SmtpDialog honest = new SmtpDialog(listener.port(), "127.0.0.3")) {
                assertThat(honest.greeting().code()).isEqualTo(220);
                assertThat(honest.send("ann@example.org", MailinSmtpTest.corpus("plain.eml"), ann.address()).code())
                        .isEqualTo(250);
            }

            // A second idle client takes the other two slots: the server is full. (The honest sender's
            // slot is free once the server has seen its connection close, a moment after the client
            // closed it: try again briefly, as a mail server would.)
            for (int i = 0; i < 2; i++) {
                talkers.add(admitted("127.0.0.4"));
            }
            List<Future<Boolean>> closed = new ArrayList<>();
            for (SmtpDialog talker : talkers) {
                closed.add(talking.submit(() -> talker.repeatUntilClosed("NOOP", 100, 300)));
            }

            // A sender from one of the talkers' addresses, trying again as mail servers do, gets its 250:
            // the talkers' slots come free at the idle timeout, however much they NOOP.
            int reply = 0;
            for (int attempt = 0; attempt < 120 && reply != 250; attempt++) {
                SmtpDialog honest = open("127.0.0.2");
                if (honest != null) {
                    try (honest) {
                        if (honest.greeting().code() == 220) {
                            reply = honest.send("ann@example.org", MailinSmtpTest.corpus("alternative.eml"),
                                    ann.address()).code();
                        }
                    } catch (UncheckedIOException refused) {
                        // Hung up on: try again.
                    }
                }
                if (reply != 250) {
                    Thread.sleep(250);
                }
            }
            assertThat(reply).isEqualTo(250);
            for (Future<Boolean> talker : closed) {
                assertThat(talker.get(60, TimeUnit.SECONDS)).as("every idle talker was closed").isTrue();
            }
        } finally {
            talking.shutdownNow();
            talkers.forEach(SmtpDialog::close);
        }
        assertThat(blog.list(ann.id(), 1).block().posts()).extracting(BlogPost::title)
                .containsExactlyInAnyOrder("Lisbon in the rain", "Both kinds");
    }

    @Test
    void aConnectionHasAMostNumberOfCommandsAndAMostTime() {
        try (SmtpDialog busy = new SmtpDialog(listener.port(), "127.0.0.6")) {
            int answered = 0;
            SmtpDialog.Reply reply = null;
            for (int i = 0; i < 210; i++) {
                reply = busy.command(i % 2 == 0 ? "MAIL FROM:<ann@example.org>" : "RSET");
                if (reply.code() == 421) {
                    break;
                }
                answered++;
            }
            assertThat(answered).isEqualTo(200);
            assertThat(reply.text()).contains("Too many commands");
        }
        try (SmtpDialog slow = new SmtpDialog(listener.port(), "127.0.0.7")) {
            // Steps forward every 250 ms, so never idle, for up to 30 s: closed at max-session-time.
            boolean closed = false;
            for (int round = 0; round < 120 && !closed; round++) {
                closed = slow.repeatUntilClosed(round % 2 == 0 ? "MAIL FROM:<ann@example.org>" : "RSET", 1, 250);
            }
            assertThat(closed).isTrue();
        }
    }

    /** A connection from {@code localAddress}, or null when the server hung up at once. */
    /** A connection from {@code localAddress} greeted with 220, trying again for up to 10 s. */
    SmtpDialog admitted(String localAddress) throws InterruptedException {
        long patience = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            SmtpDialog talker = open(localAddress);
            if (talker != null && talker.greeting().code() == 220) {
                return talker;
            }
            if (talker != null) {
                talker.close();
            }
            assertThat(System.nanoTime()).as(localAddress + " admitted within 10 s").isLessThan(patience);
            Thread.sleep(50);
        }
    }

    SmtpDialog open(String localAddress) {
        try {
            return new SmtpDialog(listener.port(), localAddress);
        } catch (UncheckedIOException refused) {
            return null;
        }
    }

    record Person(long id, String address) {
    }

    Person signUp() {
        String name = TestBrowser.uniqueName("slots");
        TestBrowser browser = new TestBrowser(client).signUp(name, TwoAccounts.PASSWORD, "basic");
        return new Person(accounts.findByUsername(name).block().id(), MailinSettingsTest.addressOn(browser));
    }
}
