package dev.modulo.accounts.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification and password-reset mail over a real SMTP conversation (GreenMail listening on
 * localhost), followed as a person would: open the link, press the button.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=localhost",
        "modulo.base-url=https://modulo.example",
        "modulo.accounts.signups-per-hour=100000",
        "modulo.web.logins-per-minute=100000",
        "modulo.accounts.resets-per-hour=100000"})
@AutoConfigureWebTestClient
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

    @DynamicPropertySource
    static void mailRelay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
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
