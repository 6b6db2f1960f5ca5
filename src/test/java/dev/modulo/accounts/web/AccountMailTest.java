package dev.modulo.accounts.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.SignupRequest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account mail over a real SMTP conversation (GreenMail listening on localhost), followed as a
 * person would: open the link, press the button. The relay also goes away, and hangs, to show that
 * nobody waits for it and no mail is lost.
 *
 * <p>The outbox is only looked at when a commit or a retry asks (the poll is an hour), so these
 * tests also show that a commit wakes the sender. The context is closed after the class, so its
 * sender stops working through the shared test database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=localhost",
        // Long enough that a hanging relay is still being waited for when the test looks.
        "spring.mail.properties[mail.smtp.timeout]=30000",
        "modulo.base-url=https://modulo.example",
        "modulo.accounts.signups-per-hour=100000",
        "modulo.web.logins-per-minute=100000",
        "modulo.accounts.resets-per-hour=100000",
        "modulo.accounts.mail-retry-delay=100ms",
        "modulo.accounts.mail-retry-max-delay=400ms",
        "modulo.accounts.mail-attempts=1000",
        "modulo.accounts.mail-poll-interval=1h"})
// A first page may take a while on a busy machine; no test here depends on this deadline.
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
class AccountMailTest {

    static final String PASSWORD = "a long and unusual passphrase";
    static final Pattern LINK = Pattern.compile("https://modulo\\.example(/[a-z-]+\\?token=[A-Za-z0-9_-]+)");

    // A free port rather than GreenMail's fixed 3025, so two builds on one machine do not collide.
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void mailRelay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    /** Mail an earlier test left on its way (its relay was stopped at its end) arrives first, and is forgotten. */
    @BeforeEach
    void earlierMailIsDelivered() throws Exception {
        for (int i = 0; i < 200 && waitingMail() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(waitingMail()).as("mail still waiting from an earlier test").isZero();
        smtp.purgeEmailFromAllMailboxes();
    }

    private long waitingMail() {
        return db.sql("SELECT COUNT(*) AS n FROM account_mail WHERE failed_at IS NULL")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void signupMailsAVerificationLinkThatConfirmsTheAddressOnce() throws Exception {
        String username = TestBrowser.uniqueName("verify");
        TestBrowser browser = new TestBrowser(client).signUp(username, PASSWORD, "basic");

        MimeMessage mail = onlyMailTo(username + "@example.com");
        assertThat(mail.getSubject()).isEqualTo("Confirm your email address for Modulo");
        String link = linkIn(mail);

        Page form = new TestBrowser(client).get(link);
        assertThat(form.body()).contains("Confirm my email");
        assertThat(browser.get("/account").body()).as("opening the link alone changes nothing").contains("not confirmed");

        String token = link.substring(link.indexOf('=') + 1);
        Page confirmed = new TestBrowser(client).post("/verify-email", Map.of("token", token));
        assertThat(confirmed.body()).contains("your email address is confirmed");
        assertThat(browser.get("/account").body()).contains("confirmed").doesNotContain("not confirmed");

        Page again = new TestBrowser(client).post("/verify-email", Map.of("token", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("This link has expired or was already used");
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEverySession() throws Exception {
        String username = TestBrowser.uniqueName("reset");
        TestBrowser signedIn = new TestBrowser(client).signUp(username, PASSWORD, "basic");
        onlyMailTo(username + "@example.com");
        smtp.reset();

        Page asked = new TestBrowser(client).post("/forgot-password", Map.of("email", username.toUpperCase() + "@example.com"));
        assertThat(asked.body()).contains("If that address belongs to a Modulo account");
        MimeMessage mail = onlyMailTo(username + "@example.com");
        assertThat(mail.getSubject()).isEqualTo("Reset your Modulo password");
        String link = linkIn(mail);
        String token = link.substring(link.indexOf('=') + 1);

        TestBrowser stranger = new TestBrowser(client);
        assertThat(stranger.get(link).body()).contains("Set password");
        Page weak = stranger.post("/reset-password", Map.of("token", token, "password", "12345678"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("one of the most common passwords").contains("value=\"" + token + "\"");

        Page reset = stranger.post("/reset-password", Map.of("token", token, "password", "my new long passphrase"));
        assertThat(reset.location()).isEqualTo("/login?reset");
        assertThat(signedIn.get("/dashboard").location()).as("old sessions end").isEqualTo("/login");
        assertThat(new TestBrowser(client).logIn(username, PASSWORD).location()).isEqualTo("/login?error");
        assertThat(new TestBrowser(client).logIn(username, "my new long passphrase").location()).isEqualTo("/dashboard");

        Page reused = stranger.post("/reset-password", Map.of("token", token, "password", "yet another passphrase"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).contains("This link has expired or was already used");
    }

    @Test
    void askingToResetAnUnknownAddressAnswersTheSameAndSendsNothing() {
        Page asked = new TestBrowser(client).post("/forgot-password", Map.of("email", "nobody-at-all@example.com"));

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("If that address belongs to a Modulo account");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMadeUpResetLinkIsRefusedWithAWayForward() {
        Page page = new TestBrowser(client).get("/reset-password?token=made-up");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("This link has expired or was already used", "Ask for a new link");
    }

    @Test
    void signupAnswersWhileTheRelayIsDownAndItsMailLeavesOnceTheRelayIsBack() throws Exception {
        smtp.stop();
        String username = TestBrowser.uniqueName("down");

        TestBrowser browser = new TestBrowser(client).signUp(username, PASSWORD, "basic");

        long accountId = accounts.findByUsername(username).block().id();
        OutboxRow waiting = awaitOutboxRow(accountId, row -> row.attempts() >= 2);
        assertThat(waiting.lastError()).as("it was tried, and failed").isNotBlank();
        assertThat(waiting.failedAt()).isNull();
        smtp.start();

        MimeMessage mail = onlyMailTo(username + "@example.com");
        assertThat(mail.getSubject()).isEqualTo("Confirm your email address for Modulo");
        awaitNoOutboxRow(accountId);
        String link = linkIn(mail);
        new TestBrowser(client).post("/verify-email", Map.of("token", link.substring(link.indexOf('=') + 1)));
        assertThat(browser.get("/account").body()).doesNotContain("not confirmed");
    }

    @Test
    void signupDoesNotWaitForARelayThatNeverAnswers() throws Exception {
        smtp.stop();
        String username = TestBrowser.uniqueName("slow");
        try (SilentRelay relay = new SilentRelay(SMTP_PORT)) {
            new TestBrowser(client).signUp(username, PASSWORD, "basic");

            Socket conversation = relay.awaitConnection();
            assertThat(isOpen(conversation)).as("the sign-up was answered while the relay is still being waited for")
                    .isTrue();
        }
        // The relay hung up: that attempt failed, and a later one reaches the relay once it is back.
        smtp.start();
        assertThat(onlyMailTo(username + "@example.com").getSubject()).isEqualTo("Confirm your email address for Modulo");
    }

    @Test
    void theAccountAndItsFirstMailAreStoredTogetherOrNotAtAll() {
        String username = TestBrowser.uniqueName("atomic");
        db.sql("ALTER TABLE account_mail RENAME TO account_mail_away").then().block();
        try {
            StepVerifier.create(accounts.signup(new SignupRequest(username, username + "@example.com", PASSWORD,
                            "basic", "Europe/Berlin", "DE")))
                    .as("queueing the mail fails")
                    .expectError()
                    .verify();
        } finally {
            db.sql("ALTER TABLE account_mail_away RENAME TO account_mail").then().block();
        }

        assertThat(accounts.findByUsername(username).blockOptional()).as("so the account was not opened").isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void signingUpWithAnAddressThatHasAnAccountAnswersAsForANewOneAndMailsItsOwner() throws Exception {
        String owner = TestBrowser.uniqueName("owner");
        TestBrowser ownersBrowser = new TestBrowser(client).signUp(owner, PASSWORD, "basic");
        String confirm = linkIn(onlyMailTo(owner + "@example.com"));
        new TestBrowser(client).post("/verify-email", Map.of("token", confirm.substring(confirm.indexOf('=') + 1)));
        smtp.reset();

        String fresh = TestBrowser.uniqueName("fresh");
        String copycat = TestBrowser.uniqueName("copy");
        TestBrowser newcomer = new TestBrowser(client);
        TestBrowser impostor = new TestBrowser(client);
        Page newAddress = newcomer.post("/signup", signupForm(fresh, fresh + "@example.com", "another fine passphrase"));
        Page takenAddress = impostor.post("/signup", signupForm(copycat, owner.toUpperCase() + "@example.com",
                "another fine passphrase"));

        assertThat(takenAddress.status()).isEqualTo(newAddress.status()).isEqualTo(303);
        assertThat(takenAddress.location()).isEqualTo(newAddress.location()).isEqualTo("/dashboard?welcome");
        assertThat(takenAddress.body()).isEqualTo(newAddress.body());
        assertThat(cookieNames(takenAddress)).isEqualTo(cookieNames(newAddress));
        for (String path : new String[] {"/dashboard?welcome", "/account"}) {
            assertThat(anonymised(impostor.get(path).body(), copycat, owner))
                    .as("what %s says, but for the name and address typed in", path)
                    .isEqualTo(anonymised(newcomer.get(path).body(), fresh, fresh));
        }
        assertThat(anonymised(impostor.post("/account/verification", Map.of()).location(), copycat, owner))
                .isEqualTo(anonymised(newcomer.post("/account/verification", Map.of()).location(), fresh, fresh));
        // Neither address logs in before its mailbox confirms it: the owner's still logs in the owner only.
        assertThat(new TestBrowser(client).logIn(owner + "@example.com", "another fine passphrase").location())
                .isEqualTo(new TestBrowser(client).logIn(fresh + "@example.com", "another fine passphrase").location())
                .isEqualTo("/login?error");

        assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
        Map<String, List<String>> subjects = new java.util.TreeMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            subjects.computeIfAbsent(mail.getAllRecipients()[0].toString(), to -> new java.util.ArrayList<>())
                    .add(mail.getSubject());
        }
        assertThat(subjects).containsOnly(
                Map.entry(fresh + "@example.com", List.of("Confirm your email address for Modulo",
                        "Confirm your email address for Modulo")),
                Map.entry(owner + "@example.com", List.of("Someone tried to sign up to Modulo with your address")));
        MimeMessage notice = null;
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (mail.getSubject().startsWith("Someone")) {
                notice = mail;
            }
        }
        assertThat(notice.getContent().toString()).contains("It already belongs to your account, " + owner,
                "https://modulo.example/login", "https://modulo.example/forgot-password");
        assertThat(ownersBrowser.get("/dashboard").status()).isEqualTo(200);
        assertThat(new TestBrowser(client).logIn(owner + "@example.com", PASSWORD).location()).isEqualTo("/dashboard");
    }

    @Test
    void anAddressLogsInOnceItsMailboxHasConfirmedIt() throws Exception {
        String username = TestBrowser.uniqueName("byemail");
        new TestBrowser(client).signUp(username, PASSWORD, "basic");
        String link = linkIn(onlyMailTo(username + "@example.com"));

        assertThat(new TestBrowser(client).logIn(username + "@example.com", PASSWORD).location()).isEqualTo("/login?error");
        new TestBrowser(client).post("/verify-email", Map.of("token", link.substring(link.indexOf('=') + 1)));

        TestBrowser byEmail = new TestBrowser(client);
        assertThat(byEmail.logIn(username.toUpperCase() + "@EXAMPLE.COM", PASSWORD).location()).isEqualTo("/dashboard");
        assertThat(byEmail.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void confirmingAnAddressAnotherAccountConfirmedFirstSaysSo() throws Exception {
        String first = TestBrowser.uniqueName("first");
        String second = TestBrowser.uniqueName("second");
        String shared = first + "@example.com";
        new TestBrowser(client).signUp(first, PASSWORD, "basic");
        new TestBrowser(client).post("/signup", signupForm(second, shared, PASSWORD));
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        List<String> links = new java.util.ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            links.add(linkIn(mail));
        }

        Page confirmed = new TestBrowser(client).post("/verify-email", Map.of("token", tokenOf(links.get(0))));
        Page refused = new TestBrowser(client).post("/verify-email", Map.of("token", tokenOf(links.get(1))));

        assertThat(confirmed.body()).contains("your email address is confirmed");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("This address already belongs to another Modulo account");
    }

    private static Map<String, String> signupForm(String username, String email, String password) {
        return Map.of("username", username, "email", email, "password", password, "planId", "basic",
                "timeZone", "Europe/Berlin", "phoneRegion", "DE");
    }

    private static String tokenOf(String link) {
        return link.substring(link.indexOf('=') + 1);
    }

    private static java.util.Set<String> cookieNames(Page page) {
        return new java.util.TreeSet<>(page.headers().getOrEmpty("Set-Cookie").stream()
                .map(cookie -> cookie.substring(0, cookie.indexOf('=')))
                .toList());
    }

    /** The page without what differs by design: the name and address typed in, and the CSRF token. */
    private static String anonymised(String body, String username, String emailName) {
        return body.replace(username, "NAME").replace(emailName + "@example.com", "NAME@example.com")
                .replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "name=\"_csrf\"")
                .replaceAll("<meta name=\"_csrf\" content=\"[^\"]+\"", "<meta name=\"_csrf\"");
    }

    record OutboxRow(int attempts, String lastError, java.time.OffsetDateTime failedAt) {
    }

    private List<OutboxRow> outboxRows(long accountId) {
        return db.sql("SELECT attempts, last_error, failed_at FROM account_mail WHERE account_id = :id")
                .bind("id", accountId)
                .map(row -> new OutboxRow(row.get("attempts", Integer.class), row.get("last_error", String.class),
                        row.get("failed_at", java.time.OffsetDateTime.class)))
                .all()
                .collectList()
                .block();
    }

    private OutboxRow awaitOutboxRow(long accountId, java.util.function.Predicate<OutboxRow> condition)
            throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<OutboxRow> rows = outboxRows(accountId);
            assertThat(rows).as("one mail waits for the account").hasSize(1);
            if (condition.test(rows.get(0))) {
                return rows.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the outbox row never got there: " + outboxRows(accountId));
    }

    private void awaitNoOutboxRow(long accountId) throws InterruptedException {
        for (int i = 0; i < 200 && !outboxRows(accountId).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(outboxRows(accountId)).as("sent mail leaves the outbox").isEmpty();
    }

    private static boolean isOpen(Socket socket) throws IOException {
        socket.setSoTimeout(300);
        try {
            return socket.getInputStream().read() != -1;
        } catch (SocketTimeoutException silent) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    /** A relay that accepts connections and never says a word. */
    static final class SilentRelay implements AutoCloseable {

        private final ServerSocket server;
        private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
        private final Thread acceptor;

        SilentRelay(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // close() ends it.
                }
            }, "silent-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        Socket awaitConnection() throws InterruptedException {
            Socket socket = accepted.poll(20, TimeUnit.SECONDS);
            assertThat(socket).as("the sender reached the relay").isNotNull();
            accepted.add(socket);
            return socket;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private MimeMessage onlyMailTo(String address) throws Exception {
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).as("a mail arrived").isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(Arrays.stream(received[0].getAllRecipients()).map(Object::toString)).containsExactly(address);
        return received[0];
    }

    private static String linkIn(MimeMessage mail) throws Exception {
        Matcher link = LINK.matcher(mail.getContent().toString());
        assertThat(link.find()).as("the mail has a link").isTrue();
        return link.group(1);
    }
}
