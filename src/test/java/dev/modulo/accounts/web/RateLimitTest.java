package dev.modulo.accounts.web;

import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.SignupRequest;
import dev.modulo.blog.BlogService;
import dev.modulo.blog.PostDraft;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-ups, login attempts and comments from one address are limited, with a clear message. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modulo.accounts.signups-per-hour=2",
        "modulo.web.logins-per-minute=3",
        "modulo.blog.comments-per-hour=2",
        "modulo.accounts.resets-per-hour=2"})
@AutoConfigureWebTestClient(timeout = "30s")
class RateLimitTest {

    static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    BlogService blog;

    @Test
    void theThirdSignupFromOneAddressWithinAnHourIsRefused() {
        new TestBrowser(client).signUp(TestBrowser.uniqueName("rate"), PASSWORD, "basic");
        new TestBrowser(client).signUp(TestBrowser.uniqueName("rate"), PASSWORD, "basic");
        String third = TestBrowser.uniqueName("rate");

        Page page = new TestBrowser(client).post("/signup", Map.of("username", third,
                "email", third + "@example.com", "password", PASSWORD, "planId", "basic"));

        assertThat(page.status()).isEqualTo(429);
        assertThat(page.body()).contains("Too many sign-ups from your network");
    }

    @Test
    void loginAttemptsOverTheLimitAreTurnedAwayBeforeThePasswordIsChecked() {
        String username = "limited-" + TestBrowser.uniqueName("x").substring(2);
        TestBrowser browser = new TestBrowser(client);
        for (int i = 0; i < 3; i++) {
            assertThat(browser.logIn(username, "guess " + i).location()).isEqualTo("/login?error");
        }

        assertThat(browser.logIn(username, "guess 4").location()).isEqualTo("/login?throttled");
        assertThat(browser.get("/login?throttled").body()).contains("Too many attempts");
    }

    @Test
    void theThirdCommentFromOneAddressWithinAnHourIsRefused() {
        // Made through the services: this context allows only two sign-ups, for the test above.
        String username = TestBrowser.uniqueName("busy");
        long accountId = accounts.signup(new SignupRequest(username, username + "@example.com", PASSWORD, "basic",
                "Europe/Berlin", "DE")).block().id();
        blog.create(accountId, new PostDraft("Open thread", "", "Talk.", "", "now", "", true)).block();
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Berlin"));
        String comments = "/@" + username + "/%d/%02d/open-thread/comments".formatted(month.getYear(), month.getMonthValue());
        TestBrowser visitor = new TestBrowser(client);
        Map<String, String> comment = Map.of("name", "Chatty", "url", "", "text", "Again!");

        assertThat(visitor.post(comments, comment).status()).isEqualTo(303);
        assertThat(visitor.post(comments, comment).status()).isEqualTo(303);
        Page third = visitor.post(comments, comment);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).contains("You have commented a lot in the last hour");
    }

    @Test
    void theThirdPasswordResetRequestFromOneAddressWithinAnHourIsRefused() {
        TestBrowser browser = new TestBrowser(client);
        Map<String, String> form = Map.of("email", "someone@example.com");

        assertThat(browser.post("/forgot-password", form).status()).isEqualTo(200);
        assertThat(browser.post("/forgot-password", form).status()).isEqualTo(200);
        Page third = browser.post("/forgot-password", form);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).contains("Too many requests from your network");
    }
}
