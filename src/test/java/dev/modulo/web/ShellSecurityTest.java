package dev.modulo.web;

import java.util.List;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers, cookies and error pages of the shell, on every kind of page. */
@ModuloIntegrationTest
class ShellSecurityTest {

    @Autowired
    WebTestClient client;

    @Test
    void everyPageSendsTheSecurityHeaders() {
        for (String path : List.of("/", "/login", "/css/modulo.css")) {
            HttpHeaders headers = new TestBrowser(client).get(path).headers();
            assertThat(headers.getFirst("Content-Security-Policy")).as(path)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        assertThat(new TestBrowser(client).get("/").headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void visitorsGetNoSessionAndTheCookiesThatExistAreHttpOnlyAndSameSiteLax() {
        List<String> anonymous = new TestBrowser(client).get("/signup").headers().get(HttpHeaders.SET_COOKIE);
        assertThat(anonymous).noneSatisfy(cookie -> assertThat(cookie).startsWith("SESSION="));
        assertThat(anonymous).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("XSRF-TOKEN=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax"));

        String username = TestBrowser.uniqueName("cookie");
        Page signedUp = new TestBrowser(client).post("/signup", java.util.Map.of("username", username,
                "email", username + "@example.com", "password", "a long and unusual passphrase", "planId", "basic"));
        assertThat(signedUp.headers().get(HttpHeaders.SET_COOKIE)).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SESSION=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax"));
    }

    @Test
    void anUnknownPageIsAFriendly404InTheLayout() {
        TestBrowser browser = new TestBrowser(client).signUp(TestBrowser.uniqueName("lost"), "a long and unusual passphrase", "basic");

        Page page = browser.get("/no/such/page");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Not found", "Modulo").doesNotContain("Exception", "at dev.modulo");
    }

    @Test
    void aWrongMethodIsA4xxPageWithoutInternals() {
        TestBrowser browser = new TestBrowser(client).signUp(TestBrowser.uniqueName("method"), "a long and unusual passphrase", "basic");

        Page page = browser.post("/dashboard", java.util.Map.of());

        assertThat(page.status()).isEqualTo(405);
        assertThat(page.body()).contains("cannot be used that way").doesNotContain("Exception", "trace");
    }

    @Test
    void anOversizedFormIs413NotA500() {
        String huge = "a".repeat(5_000_000);
        for (String path : List.of("/login", "/signup")) {
            Page page = new TestBrowser(client).post(path, java.util.Map.of("username", huge, "password", "x"));
            assertThat(page.status()).as(path).isEqualTo(413);
            assertThat(page.body()).as(path).contains("What you sent is too large.");
        }
    }

    @Test
    void healthIsPublicAndOtherActuatorEndpointsAreNot() {
        assertThat(new TestBrowser(client).get("/actuator/health").status()).isEqualTo(200);
        assertThat(new TestBrowser(client).get("/actuator/env").status()).isNotEqualTo(200);
    }
}
