package dev.modulo.mailin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
 * Who is believed to have sent a mail, over real SMTP conversations: a listed sender is still
 * scored by the spam filter; an envelope sender other than the From: address holds the mail; the
 * Authentication-Results of the relay configured as trusted ({@code mx.relay.test}) count, and
 * anyone else's are ignored.
 */
@ModuloIntegrationTest
@TestPropertySource(properties = "modulo.mailin.trusted-authserv-ids=mx.relay.test")
class MailinTrustTest {

    @Autowired
    WebTestClient client;

    @Autowired
    SmtpListener listener;

    @Autowired
    AccountService accounts;

    @Autowired
    BlogService blog;

    @Autowired
    MailInbox inbox;

    record Person(long id, TestBrowser browser, String address) {
    }

    Person signUpAllowing(String sender) {
        String name = TestBrowser.uniqueName("trust");
        TestBrowser browser = new TestBrowser(client).signUp(name, TwoAccounts.PASSWORD, "basic");
        browser.post("/blog/email/senders", Map.of("senders", sender));
        return new Person(accounts.findByUsername(name).block().id(), browser, MailinSettingsTest.addressOn(browser));
    }

    /** A message from ann@example.org with these header lines on top, its subject and text. */
    static byte[] message(String id, String headers, String subject, String text) {
        return (headers + """
                From: Ann Writer <ann@example.org>
                Subject: %s
                Message-ID: <%s@example.org>
                Content-Type: text/plain; charset=UTF-8

                %s
                """.formatted(subject, id, text)).getBytes(StandardCharsets.UTF_8);
    }

    SmtpDialog.Reply send(String envelope, byte[] message, Person to) {
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            return smtp.send(envelope, message, to.address());
        }
    }

    List<String> titles(Person person) {
        return blog.list(person.id(), 1).block().posts().stream().map(BlogPost::title).toList();
    }

    String heldReason(Person person, String subject) {
        return inbox.held(person.id()).filter(held -> held.subject().equals(subject)).single().block().reason();
    }

    @Test
    void aListedSenderIsStillScoredBySpamFilter() {
        Person ann = signUpAllowing("ann@example.org");
        SmtpDialog.Reply reply = send("ann@example.org", message("spam-listed", "",
                "WINNER! Claim your free prize now",
                "Congratulations, you are a winner! Click here now to claim your cash prize, limited time offer.\n"
                        + "Cheap viagra, casino bonus, free spins, guaranteed profit. Act now!"), ann);

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.text()).contains("held");
        assertThat(titles(ann)).isEmpty();
        assertThat(heldReason(ann, "WINNER! Claim your free prize now")).startsWith("This looks like spam");
    }

    @Test
    void anEnvelopeSenderOtherThanTheFromAddressIsHeldWithTheReason() {
        Person ann = signUpAllowing("ann@example.org");
        assertThat(send("mallory@example.net", message("forged", "", "Forged in Ann's name", "Hello."), ann).text())
                .contains("held");
        assertThat(send("ann@example.org", message("genuine", "", "Really Ann", "Hello."), ann).text())
                .contains("posted");

        assertThat(titles(ann)).containsExactly("Really Ann");
        assertThat(heldReason(ann, "Forged in Ann's name")).contains("envelope sender (MAIL FROM <mallory@example.net>)",
                "is not the From: address ann@example.org");
        assertThat(ann.browser().get("/blog/email/held").body()).contains("envelope sender");
    }

    @Test
    void theTrustedRelaysVerdictCountsAndAnyoneElsesIsIgnored() {
        Person ann = signUpAllowing("ann@example.org");
        String vouched = "Authentication-Results: mx.relay.test;\r\n\tspf=pass smtp.mailfrom=lists.example;\r\n"
                + "\tdkim=pass (good signature) header.d=example.org header.s=mail;\r\n\tdmarc=pass header.from=example.org\r\n";
        String forgedPass = "Authentication-Results: evil.example; dmarc=pass header.from=example.org\r\n";
        String dmarcFail = "Authentication-Results: mx.relay.test; spf=pass smtp.mailfrom=example.org;"
                + " dmarc=fail (p=reject) header.from=example.org\r\n";
        String spfAndDkimFail = "Authentication-Results: MX.Relay.Test 1; spf=fail smtp.mailfrom=example.org;"
                + " dkim=fail header.d=example.org\r\n";
        // The relay's own header is on top; one lower down, claiming the relay's name, came from outside.
        String relayThenForgery = "Authentication-Results: mx.relay.test; dmarc=fail header.from=example.org\r\n"
                + "Authentication-Results: mx.relay.test; dmarc=pass header.from=example.org\r\n";

        // A mailing list: another envelope, but the relay saw Ann's domain pass.
        assertThat(send("bounces@lists.example", message("list", vouched, "Through the list", "Hi."), ann).text())
                .contains("posted");
        // Anyone can write Authentication-Results: from another authserv-id it counts for nothing.
        assertThat(send("mallory@example.net", message("self-vouched", forgedPass, "Self-vouched", "Hi."), ann).text())
                .contains("held");
        // The relay's failures hold mail even when the envelope matches.
        assertThat(send("ann@example.org", message("dmarc", dmarcFail, "DMARC failed", "Hi."), ann).text())
                .contains("held");
        assertThat(send("ann@example.org", message("spf", spfAndDkimFail, "SPF and DKIM failed", "Hi."), ann).text())
                .contains("held");
        assertThat(send("ann@example.org", message("stacked", relayThenForgery, "Stacked", "Hi."), ann).text())
                .contains("held");

        assertThat(titles(ann)).containsExactly("Through the list");
        assertThat(heldReason(ann, "Self-vouched")).contains("envelope sender");
        assertThat(heldReason(ann, "DMARC failed")).contains("mx.relay.test", "DMARC failed for example.org");
        assertThat(heldReason(ann, "SPF and DKIM failed")).contains("SPF failed and no DKIM signature passed");
        assertThat(heldReason(ann, "Stacked")).contains("DMARC failed");
    }

    @Test
    void twoFromAddressesOrNoneAreHeld() {
        Person anyone = signUpAllowing("");
        byte[] two = ("From: ann@example.org\r\nFrom: mallory@example.net\r\n" + new String(
                message("two-from", "", "Two senders", "Hi."), StandardCharsets.UTF_8).replaceFirst("From: [^\\n]*\\n", ""))
                .getBytes(StandardCharsets.UTF_8);
        byte[] none = new String(message("no-from", "", "Nobody", "Hi."), StandardCharsets.UTF_8)
                .replaceFirst("From: [^\\n]*\\n", "").getBytes(StandardCharsets.UTF_8);

        assertThat(send("ann@example.org", two, anyone).text()).contains("held");
        assertThat(send("ann@example.org", none, anyone).text()).contains("held");
        assertThat(titles(anyone)).isEmpty();
        assertThat(heldReason(anyone, "Two senders")).contains("more than one sender");
        assertThat(heldReason(anyone, "Nobody")).contains("no From: address");
    }
}
