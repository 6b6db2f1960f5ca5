package dev.modulo.mailin;

import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Held mail keeps whole messages, so it is bounded: past the limit a sender is told to try later, nothing is lost. */
@ModuloIntegrationTest
@TestPropertySource(properties = "modulo.mailin.max-held=2")
class HeldMailLimitTest {

    @Autowired
    WebTestClient client;

    @Autowired
    SmtpListener listener;

    int send(String sender, String corpusName, String to) {
        try (SmtpDialog smtp = new SmtpDialog(listener.port())) {
            return smtp.send(sender, MailinHeldTest.from(sender, corpusName), to).code();
        }
    }

    @Test
    void pastTheLimitHeldMailIsRefusedForNowAndRoomMadeLetsItIn() {
        TestBrowser owner = new TestBrowser(client).signUp(TestBrowser.uniqueName("held"), TwoAccounts.PASSWORD, "basic");
        String address = MailinSettingsTest.addressOn(owner);
        owner.post("/blog/email/senders", Map.of("senders", "ann@example.org"));

        assertThat(send("mallory@example.net", "plain.eml", address)).isEqualTo(250);
        assertThat(send("mallory@example.net", "controls.eml", address)).isEqualTo(250);
        assertThat(send("mallory@example.net", "alternative.eml", address)).as("held mail is full").isEqualTo(452);
        // The owner's own mail is not held, so it still gets through.
        assertThat(send("ann@example.org", "alternative.eml", address)).isEqualTo(250);

        long first = MailinHeldTest.heldIds(owner).get(0);
        assertThat(owner.post("/blog/email/held/" + first + "/discard", Map.of()).status()).isEqualTo(303);
        assertThat(send("mallory@example.net", "alternative.eml", address)).as("room again").isEqualTo(250);
    }
}
