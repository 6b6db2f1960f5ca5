package dev.modulo.accounts.web;

import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The account page, used from two browsers where it matters. */
@ModuloIntegrationTest
class AccountPageTest {

    static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Test
    void theAccountPageShowsStorageUsedAgainstThePlansQuota() {
        String username = TestBrowser.uniqueName("page");
        TestBrowser browser = new TestBrowser(client).signUp(username, PASSWORD, "plus");

        Page page = browser.get("/account");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(username + "@example.com", "0 bytes of 25 GB used", "not confirmed");
    }

    @Test
    void changingThePasswordEndsOtherSessionsButKeepsThisOne() {
        String username = TestBrowser.uniqueName("pw");
        TestBrowser laptop = new TestBrowser(client).signUp(username, PASSWORD, "basic");
        TestBrowser phone = new TestBrowser(client);
        assertThat(phone.logIn(username, PASSWORD).location()).isEqualTo("/dashboard");

        Page changed = laptop.post("/account/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "a brand new passphrase"));

        assertThat(changed.location()).isEqualTo("/account?changed=password");
        assertThat(laptop.get("/account?changed=password").body()).contains("Other devices have been signed out");
        assertThat(phone.get("/dashboard").location()).isEqualTo("/login");
        assertThat(new TestBrowser(client).logIn(username, PASSWORD).location()).isEqualTo("/login?error");
        assertThat(new TestBrowser(client).logIn(username, "a brand new passphrase").location()).isEqualTo("/dashboard");
    }

    @Test
    void aWrongCurrentPasswordIsExplainedBesideTheField() {
        TestBrowser browser = new TestBrowser(client).signUp(TestBrowser.uniqueName("wrong"), PASSWORD, "basic");

        Page page = browser.post("/account/password", Map.of("currentPassword", "nope nope nope",
                "newPassword", "a brand new passphrase"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("That is not your current password.");
    }

    @Test
    void changingThePlanChangesTheQuotaShown() {
        TestBrowser browser = new TestBrowser(client).signUp(TestBrowser.uniqueName("plan"), PASSWORD, "basic");

        assertThat(browser.post("/account/plan", Map.of("planId", "pro")).location()).isEqualTo("/account?changed=plan");
        assertThat(browser.get("/account?changed=plan").body()).contains("You are now on the Pro plan.",
                "0 bytes of 200 GB used");

        Page unknown = browser.post("/account/plan", Map.of("planId", "platinum"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Choose one of the plans.");
    }

    @Test
    void preferencesAreCheckedAndSaved() {
        String username = TestBrowser.uniqueName("prefs");
        TestBrowser browser = new TestBrowser(client).signUp(username, PASSWORD, "basic");

        Page bad = browser.post("/account/preferences", Map.of("timeZone", "Nowhere/Special", "phoneRegion", "ZZ"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Choose a time zone from the list", "Choose a country from the list");

        Page good = browser.post("/account/preferences", Map.of("timeZone", "Asia/Tokyo", "phoneRegion", "jp"));
        assertThat(good.location()).isEqualTo("/account?changed=preferences");
        assertThat(browser.get("/account").body()).containsPattern("value=\"Asia/Tokyo\"\\s+selected")
                .containsPattern("value=\"JP\"\\s+selected");
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndTheWordAndThenEndsEverySession() {
        String username = TestBrowser.uniqueName("bye");
        TestBrowser browser = new TestBrowser(client).signUp(username, PASSWORD, "basic");
        TestBrowser other = new TestBrowser(client);
        other.logIn(username, PASSWORD);

        Page noWord = browser.post("/account/delete", Map.of("password", PASSWORD, "confirm", "delete"));
        assertThat(noWord.status()).isEqualTo(400);
        assertThat(noWord.body()).contains("Type DELETE to confirm.");
        Page wrongPassword = browser.post("/account/delete", Map.of("password", "not it at all", "confirm", "DELETE"));
        assertThat(wrongPassword.body()).contains("That is not your current password.");

        Page deleted = browser.post("/account/delete", Map.of("password", PASSWORD, "confirm", "DELETE"));

        assertThat(deleted.location()).isEqualTo("/?deleted");
        assertThat(browser.get("/dashboard").location()).isEqualTo("/login");
        assertThat(other.get("/dashboard").location()).isEqualTo("/login");
        assertThat(new TestBrowser(client).logIn(username, PASSWORD).location()).isEqualTo("/login?error");
    }
}
