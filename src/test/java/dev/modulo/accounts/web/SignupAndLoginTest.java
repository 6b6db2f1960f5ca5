package dev.modulo.accounts.web;

import java.util.HashMap;
import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The way in: landing page, plans, sign-up, login and logout, as a browser does them. */
@ModuloIntegrationTest
class SignupAndLoginTest {

    static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    WebTestClient client;

    TestBrowser browser() {
        return new TestBrowser(client);
    }

    @Test
    void theLandingPageShowsEveryConfiguredPlanWithASubscribeButton() {
        Page page = browser().get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Blog", "Blog by email", "Images", "Contacts", "Calendar", "To-do");
        assertThat(page.body()).contains("data-plan=\"basic\"", "data-plan=\"plus\"", "data-plan=\"pro\"");
        assertThat(page.body()).contains("4.00", "9.00", "19.00", "2 GB of storage", "25 GB of storage");
        assertThat(page.body()).contains("href=\"/signup?plan=basic\"", "href=\"/signup?plan=plus\"",
                "href=\"/signup?plan=pro\"");
        assertThat(page.body()).contains("30-day free trial. No card needed.");
        assertThat(page.body()).doesNotContain("have been deleted");
        assertThat(browser().get("/?deleted").body()).contains("have been deleted");
    }

    @Test
    void subscribingToAPlanOpensTheSignupFormWithThatPlanChosen() {
        Page page = browser().get("/signup?plan=plus");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsPattern("value=\"plus\"\\s+checked");
        assertThat(page.body()).contains("name=\"website\"");
    }

    @Test
    void signingUpSignsInWithANewSessionIdAndLandsOnTheDashboard() {
        TestBrowser browser = browser();
        browser.get("/signup");
        String before = browser.cookie("SESSION");
        String username = TestBrowser.uniqueName("new");

        browser.signUp(username, PASSWORD, "pro");

        assertThat(browser.cookie("SESSION")).isNotNull().isNotEqualTo(before);
        Page dashboard = browser.get("/dashboard?welcome");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Welcome, " + username, "Your Pro account is ready",
                "Please confirm your email address");
    }

    @Test
    void aMistakeReRendersTheFormWithMessagesAndWhatWasTypedButNeverThePassword() {
        Page page = browser().post("/signup", Map.of("username", "Admin", "email", "someone@example.com",
                "password", "password", "planId", "plus"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("is reserved", "one of the most common passwords");
        assertThat(page.body()).contains("value=\"Admin\"", "value=\"someone@example.com\"");
        assertThat(page.body()).doesNotContain("value=\"password\"");
        assertThat(page.body()).containsPattern("value=\"plus\"\\s+checked");
    }

    @Test
    void aMalformedAcceptLanguageHeaderDoesNotStopASignup() {
        String username = TestBrowser.uniqueName("lang");
        TestBrowser browser = browser();
        browser.get("/signup");

        var result = client.post().uri("/signup")
                .header("Accept-Language", "en;q=2,,;;")
                .cookies(jar -> jar.add("XSRF-TOKEN", browser.cookie("XSRF-TOKEN")))
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .body(org.springframework.web.reactive.function.BodyInserters.fromFormData("username", username)
                        .with("email", username + "@example.com").with("password", PASSWORD).with("planId", "basic")
                        .with("_csrf", csrfOf(browser.get("/signup"))))
                .exchange()
                .expectBody(String.class)
                .returnResult();

        assertThat(result.getStatus().value()).isEqualTo(303);
    }

    private static String csrfOf(Page page) {
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    @Test
    void aFilledInHoneypotTurnsTheSignupAwayWithAMessage() {
        String username = TestBrowser.uniqueName("bot");
        Map<String, String> form = new HashMap<>(Map.of("username", username, "email", username + "@example.com",
                "password", PASSWORD, "planId", "basic", "website", "http://spam.example"));

        Page page = browser().post("/signup", form);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("a field meant to catch robots");
        TestBrowser later = browser();
        assertThat(later.logIn(username, PASSWORD).location()).isEqualTo("/login?error");
    }

    @Test
    void aFormPostedWithoutTheCsrfTokenIsRefused() {
        String username = TestBrowser.uniqueName("csrf");
        Page page = browser().postWithoutCsrf("/signup", Map.of("username", username,
                "email", username + "@example.com", "password", PASSWORD, "planId", "basic"));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("This form has expired or did not come from Modulo");
    }

    @Test
    void loginRotatesTheSessionAndLogoutEndsIt() {
        String username = TestBrowser.uniqueName("login");
        browser().signUp(username, PASSWORD, "basic");

        TestBrowser browser = browser();
        browser.get("/login");
        String anonymous = browser.cookie("SESSION");
        Page loggedIn = browser.logIn(username, PASSWORD);
        assertThat(loggedIn.location()).isEqualTo("/dashboard");
        assertThat(browser.cookie("SESSION")).isNotEqualTo(anonymous);
        assertThat(browser.get("/dashboard").status()).isEqualTo(200);

        Page loggedOut = browser.post("/logout", Map.of());
        assertThat(loggedOut.location()).isEqualTo("/login?logout");
        assertThat(browser.get("/dashboard").location()).isEqualTo("/login");
        // Logging in by email, once the address is confirmed: AccountMailTest.
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() {
        String username = TestBrowser.uniqueName("enum");
        browser().signUp(username, PASSWORD, "basic");

        Page wrongPassword = browser().logIn(username, "not the password at all");
        Page unknownName = browser().logIn(TestBrowser.uniqueName("nobody"), "not the password at all");

        assertThat(wrongPassword.location()).isEqualTo("/login?error");
        assertThat(unknownName.location()).isEqualTo(wrongPassword.location());
        assertThat(browser().get("/login?error").body()).contains("Wrong username or password.");
        assertThat(browser().get("/login").body()).doesNotContain("Wrong username or password.", "Too many attempts",
                "You have logged out.", "Your password has been changed.");
    }

    @Test
    void logoutIsNotPossibleByFollowingALink() {
        TestBrowser browser = browser().signUp(TestBrowser.uniqueName("get"), PASSWORD, "basic");

        browser.get("/logout");

        assertThat(browser.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void pagesOfTheAppNeedASignedInAccount() {
        assertThat(browser().get("/dashboard").location()).isEqualTo("/login");
        assertThat(browser().get("/account").location()).isEqualTo("/login");
    }
}
