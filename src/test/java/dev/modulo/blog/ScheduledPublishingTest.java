package dev.modulo.blog;

import java.time.Duration;
import java.time.Instant;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.SignupRequest;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.MutableClock;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A post scheduled for later is public from its time on, with nothing to run in between. */
@ModuloIntegrationTest
@Import(ScheduledPublishingTest.Time.class)
class ScheduledPublishingTest {

    static final Instant START = Instant.parse("2031-03-10T12:00:00Z");

    @TestConfiguration
    static class Time {

        @Bean
        MutableClock clock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    BlogService blog;

    @Autowired
    AccountService accounts;

    @Autowired
    WebTestClient client;

    @Test
    void aScheduledPostAppearsWhenItsTimeComes() {
        String username = TestBrowser.uniqueName("sched");
        Account account = accounts.signup(new SignupRequest(username, username + "@example.com",
                "a long and unusual passphrase", "basic", "UTC", "GB")).block();
        blog.create(account.id(), new PostDraft("Spring is here", "", "Finally.", "season", "at",
                "2031-03-10 14:00", true)).block();
        TestBrowser reader = new TestBrowser(client);
        String address = "/@" + username + "/2031/03/spring-is-here";

        assertThat(reader.get(address).status()).isEqualTo(404);
        assertThat(reader.get("/@" + username).body()).doesNotContain("Spring is here");

        clock.advance(Duration.ofHours(2));

        assertThat(reader.get(address).status()).isEqualTo(200);
        assertThat(reader.get("/@" + username).body()).contains("Spring is here");
        assertThat(reader.get("/@" + username + "/tags/season").body()).contains("Spring is here");
    }

}
