package dev.modulo.web;

import java.util.Map;

import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling cannot be turned against a person: guesses at a name are counted per client
 * address, and a browser that logged in as that name before is counted on its own. Client
 * addresses come from {@code X-Forwarded-For}, as behind a reverse proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "modulo.web.logins-per-minute=3",
        "modulo.web.logins-per-minute-per-address=6",
        "modulo.accounts.signups-per-hour=100000"})
@AutoConfigureWebTestClient(timeout = "30s")
class LoginLockoutTest {

    static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    WebTestClient client;

    /** A browser whose requests come from {@code address}. */
    TestBrowser from(String address) {
        return new TestBrowser(client.mutate().defaultHeader("X-Forwarded-For", address).build());
    }

    String signUp(String address) {
        String username = TestBrowser.uniqueName("victim");
        from(address).signUp(username, PASSWORD, "basic");
        return username;
    }

    @Test
    void guessesFromOneAddressThrottleThatAddressButDoNotLockThePersonOut() {
        String victim = signUp("203.0.113.10");
        TestBrowser attacker = from("198.51.100.1");
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.logIn(victim, "guess " + i).location()).isEqualTo("/login?error");
        }

        assertThat(attacker.logIn(victim, "guess 4").location()).isEqualTo("/login?throttled");
        assertThat(attacker.logIn(victim, PASSWORD).location()).as("throttled before the password is checked")
                .isEqualTo("/login?throttled");
        assertThat(from("203.0.113.11").logIn(victim, PASSWORD).location()).isEqualTo("/dashboard");
    }

    @Test
    void aKnownDeviceLogsInEvenFromTheNetworkTheGuessesComeFrom() {
        String victim = signUp("203.0.113.20");
        String sharedNetwork = "198.51.100.2";
        TestBrowser known = from(sharedNetwork);
        assertThat(known.logIn(victim, PASSWORD).location()).isEqualTo("/dashboard");
        assertThat(known.cookie("MODULO_DEVICE")).isNotBlank();
        known.post("/logout", Map.of());

        TestBrowser attacker = from(sharedNetwork);
        for (int i = 0; i < 3; i++) {
            attacker.logIn(victim, "guess " + i);
        }
        for (int i = 0; i < 3; i++) {
            attacker.logIn(TestBrowser.uniqueName("other"), "guess " + i);
        }
        assertThat(attacker.logIn(victim, PASSWORD).location()).isEqualTo("/login?throttled");
        assertThat(from(sharedNetwork).logIn(victim, PASSWORD).location()).as("an unknown browser there")
                .isEqualTo("/login?throttled");

        known.get("/login"); // a fresh form after logging out
        assertThat(known.logIn(victim, PASSWORD).location()).isEqualTo("/dashboard");
        assertThat(known.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void aDeviceCookieCountsOnlyForItsOwnNameAndOnlyWhenGenuine() {
        String victim = signUp("203.0.113.30");
        String other = signUp("203.0.113.31");
        String network = "198.51.100.3";
        TestBrowser known = from(network);
        assertThat(known.logIn(victim, PASSWORD).location()).isEqualTo("/dashboard");
        String cookie = known.cookie("MODULO_DEVICE");
        TestBrowser attacker = from(network);
        for (int i = 0; i < 6; i++) {
            attacker.logIn(TestBrowser.uniqueName("spray"), "guess " + i);
        }

        TestBrowser knownForAnotherName = from(network);
        knownForAnotherName.get("/login");
        assertThat(knownForAnotherName.withCookie("MODULO_DEVICE", cookie).logIn(other, PASSWORD).location())
                .isEqualTo("/login?throttled");
        String forged = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "BB" : "AA");
        TestBrowser forger = from(network);
        forger.get("/login");
        assertThat(forger.withCookie("MODULO_DEVICE", forged).logIn(victim, PASSWORD).location())
                .isEqualTo("/login?throttled");
        assertThat(from(network).withCookie("MODULO_DEVICE", cookie).logIn(victim, PASSWORD).location())
                .as("the genuine cookie, copied to another browser, for its own name").isEqualTo("/dashboard");
    }

    @Test
    void oneAddressIsLimitedAcrossManyNames() {
        TestBrowser sprayer = from("198.51.100.4");
        for (int i = 0; i < 6; i++) {
            assertThat(sprayer.logIn(TestBrowser.uniqueName("spray"), "password" + i).location()).isEqualTo("/login?error");
        }

        assertThat(sprayer.logIn(TestBrowser.uniqueName("spray"), "password").location()).isEqualTo("/login?throttled");
        String person = signUp("203.0.113.40");
        assertThat(from("203.0.113.41").logIn(person, PASSWORD).location()).as("other addresses go on")
                .isEqualTo("/dashboard");
    }
}
