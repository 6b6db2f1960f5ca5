package dev.modulo.mailin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Allowed senders: mail from anyone else is held; its owner publishes or discards it, nobody else can. */
@ModuloIntegrationTest
class MailinHeldTest {

    static final Pattern HELD_ID = Pattern.compile("data-held-id=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    SmtpListener listener;

    @Autowired
    AccountService accounts;

    @Autowired
    BlogService blog;

    @Autowired
    dev.modulo.spam.SpamFilter spamFilter;

    static byte[] from(String sender, String corpusName) {
        String text = new String(MailinSmtpTest.corpus(corpusName), StandardCharsets.UTF_8);
        return text.replaceFirst("(?m)^From: .*$", "From: " + sender).getBytes(StandardCharsets.UTF_8);
    }

    int send(String sender, String corpusName, String to) {
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            return smtp.send(sender, from(sender, corpusName), to).code();
        }
    }

    static List<Long> heldIds(TestBrowser browser) {
        Page page = browser.get("/blog/email/held");
        assertThat(page.status()).isEqualTo(200);
        return HELD_ID.matcher(page.body()).results().map(match -> Long.parseLong(match.group(1))).toList();
    }

    List<BlogPost> posts(String username) {
        return blog.list(accounts.findByUsername(username).block().id(), 1).block().posts();
    }

    @Test
    void mailFromSendersNotListedWaitsAndItsOwnerPublishesOrDiscardsIt() {
        TwoAccounts people = TwoAccounts.signUp(client);
        TestBrowser owner = people.owner();
        String address = MailinSettingsTest.addressOn(owner);
        owner.post("/blog/email/senders", Map.of("senders", "ann@example.org"));

        assertThat(send("ann@example.org", "alternative.eml", address)).isEqualTo(250);
        assertThat(posts(people.ownerName())).extracting(BlogPost::title).containsExactly("Both kinds");

        assertThat(send("Mallory <mallory@example.net>", "plain.eml", address)).isEqualTo(250);
        assertThat(send("mallory@example.net", "controls.eml", address)).isEqualTo(250);
        assertThat(posts(people.ownerName())).hasSize(1);
        List<Long> held = heldIds(owner);
        assertThat(held).hasSize(2);
        assertThat(owner.get("/blog/email").body()).contains("Held mail<span> (2)</span>");
        Page list = owner.get("/blog/email/held");
        assertThat(list.body()).contains("mallory@example.net", "Lisbon in the rain",
                "The sender mallory@example.net is not one of your allowed senders.");
        long lisbon = held.get(list.body().indexOf("Lisbon in the rain") < list.body().indexOf("Notes for later") ? 0 : 1);
        long notes = held.get(0) == lisbon ? held.get(1) : held.get(0);
        assertThat(owner.get("/blog/email/held/" + lisbon).body()).contains("We walked up to the castle");

        people.assertIntruderGets404(List.of(
                Route.get("/blog/email/held/" + lisbon),
                Route.post("/blog/email/held/" + lisbon + "/publish", Map.of()),
                Route.post("/blog/email/held/" + lisbon + "/discard", Map.of())));
        assertThat(heldIds(people.intruder())).isEmpty();
        assertThat(heldIds(owner)).containsExactlyInAnyOrderElementsOf(held);

        Page published = owner.post("/blog/email/held/" + lisbon + "/publish", Map.of());
        assertThat(published.status()).isEqualTo(303);
        assertThat(published.location()).matches("/blog/\\d+/edit");
        assertThat(posts(people.ownerName())).extracting(BlogPost::title).contains("Lisbon in the rain");
        assertThat(owner.post("/blog/email/discard-nothing", Map.of()).status()).isEqualTo(404);

        assertThat(owner.post("/blog/email/held/" + notes + "/discard", Map.of()).location())
                .isEqualTo("/blog/email/held?done=discarded");
        assertThat(heldIds(owner)).isEmpty();
        assertThat(owner.post("/blog/email/held/" + notes + "/publish", Map.of()).status()).as("already discarded")
                .isEqualTo(404);

        // Sent again, both are recognised: no second post, nothing held again.
        assertThat(send("mallory@example.net", "plain.eml", address)).isEqualTo(250);
        assertThat(send("mallory@example.net", "controls.eml", address)).isEqualTo(250);
        assertThat(heldIds(owner)).isEmpty();
        assertThat(posts(people.ownerName())).hasSize(2);
        assertThat(posts(people.intruderName())).isEmpty();
    }

    @Test
    void aDamagedMessageCanStillBePublishedByItsOwner() {
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("held"), TwoAccounts.PASSWORD, "basic");
        String address = MailinSettingsTest.addressOn(me);
        assertThat(send("ann@example.org", "truncated.eml", address)).isEqualTo(250);
        List<Long> held = heldIds(me);
        assertThat(held).hasSize(1);
        assertThat(me.get("/blog/email/held/" + held.get(0)).body()).contains("The message is damaged",
                "This message was cut short");

        Matcher edit = Pattern.compile("/blog/(\\d+)/edit").matcher(
                me.post("/blog/email/held/" + held.get(0) + "/publish", Map.of()).location());
        assertThat(edit.matches()).isTrue();
        assertThat(me.get(edit.group()).body()).contains("This message was cut short");
    }

    @Test
    void spamIsHeldAndDiscardingItTeachesTheFilter() {
        String name = TestBrowser.uniqueName("held");
        TestBrowser me = new TestBrowser(client).signUp(name, TwoAccounts.PASSWORD, "basic");
        String address = MailinSettingsTest.addressOn(me);
        String spam = """
                From: Prize Office <winner@example.biz>
                Subject: WINNER! Claim your free prize now
                Message-ID: <spam-1@example.biz>
                Content-Type: text/plain

                Congratulations, you are a winner! Click here now to claim your cash prize, limited time offer.
                Cheap viagra, casino bonus, free spins, guaranteed profit. Act now!
                """;
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            assertThat(smtp.send("winner@example.biz", spam.getBytes(StandardCharsets.UTF_8), address).text())
                    .contains("held");
        }
        List<Long> held = heldIds(me);
        assertThat(held).hasSize(1);
        assertThat(me.get("/blog/email/held").body()).contains("This looks like spam (score");
        long account = accounts.findByUsername(name).block().id();
        String text = "WINNER! Claim your free prize now\nCongratulations, you are a winner!";
        double before = spamFilter.score(account, text).block().probability();
        assertThat(me.post("/blog/email/held/" + held.get(0) + "/discard", Map.of()).status()).isEqualTo(303);
        assertThat(spamFilter.score(account, text).block().probability()).as("the filter learned").isGreaterThan(before);
        assertThat(heldIds(me)).isEmpty();
        assertThat(me.get("/blog").body()).doesNotContain("WINNER");
    }
}
