package dev.modulo.mailin;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The posting address page: shown, regenerated, allowed senders; each person sees only their own. */
@ModuloIntegrationTest
class MailinSettingsTest {

    static final Pattern ADDRESS = Pattern.compile("id=\"posting-address\">(p-[a-z2-9]{10}@[^<]+)</code>");

    @Autowired
    WebTestClient client;

    @Autowired
    MailinService mailin;

    static String addressOn(TestBrowser browser) {
        Page page = browser.get("/blog/email");
        assertThat(page.status()).isEqualTo(200);
        Matcher matcher = ADDRESS.matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return matcher.group(1);
    }

    @Test
    void theBlogSettingsLinkToASecretAddressThatStaysUntilRegenerated() {
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("mailer"), TwoAccounts.PASSWORD, "basic");
        assertThat(me.get("/blog/settings").body()).contains("href=\"/blog/email\"");

        String address = addressOn(me);
        assertThat(address).endsWith("@localhost");
        assertThat(addressOn(me)).isEqualTo(address);
        assertThat(mailin.accountFor(address.toUpperCase()).block()).isNotNull();

        Page regenerated = me.post("/blog/email/address", Map.of());
        assertThat(regenerated.location()).isEqualTo("/blog/email?done=address");
        String fresh = addressOn(me);
        assertThat(fresh).isNotEqualTo(address);
        assertThat(mailin.accountFor(address).block()).as("the old address is retired at once").isNull();
        assertThat(mailin.accountFor(fresh).block()).isEqualTo(mailin.accountFor(fresh).block()).isNotNull();
        assertThat(mailin.accountFor(fresh.replace("@localhost", "@elsewhere.example")).block()).isNull();
    }

    @Test
    void allowedSendersAreSavedCleanedAndCheckedBesideTheField() {
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("mailer"), TwoAccounts.PASSWORD, "basic");

        Page saved = me.post("/blog/email/senders", Map.of("senders", "Me@Example.com\n<other@example.org>, me@example.com"));
        assertThat(saved.location()).isEqualTo("/blog/email?done=senders");
        assertThat(me.get("/blog/email").body()).contains("me@example.com\nother@example.org</textarea>");

        Page refused = me.post("/blog/email/senders", Map.of("senders", "me@example.com\nnot an address"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("This is not an email address: not.", "me@example.com\nnot an address");
        assertThat(me.get("/blog/email").body()).contains("me@example.com\nother@example.org</textarea>");
    }

    @Test
    void nobodySeesOrRegeneratesAnotherPersonsAddress() {
        TwoAccounts accounts = TwoAccounts.signUp(client);
        String ownerAddress = addressOn(accounts.owner());
        accounts.owner().post("/blog/email/senders", Map.of("senders", "owner@example.com"));

        String intruderAddress = addressOn(accounts.intruder());
        Page intruderPage = accounts.intruder().get("/blog/email");
        assertThat(intruderAddress).isNotEqualTo(ownerAddress);
        assertThat(intruderPage.body()).doesNotContain(ownerAddress, "owner@example.com");

        accounts.intruder().post("/blog/email/address", Map.of());
        accounts.intruder().post("/blog/email/senders", Map.of("senders", "intruder@example.com"));
        assertThat(addressOn(accounts.owner())).isEqualTo(ownerAddress);
        assertThat(accounts.owner().get("/blog/email").body()).contains("owner@example.com")
                .doesNotContain("intruder@example.com");

        accounts.owner().forgetCookies();
        assertThat(accounts.owner().get("/blog/email").status()).as("signed out").isIn(302, 303);
        accounts.assertIntruderGets404(List.of());
    }
}
