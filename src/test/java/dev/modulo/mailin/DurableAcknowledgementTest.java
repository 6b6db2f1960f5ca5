package dev.modulo.mailin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.modulo.ModuloApplication;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 250 promise on the embedded database: a post acknowledged to the sender is in the H2 file
 * even when the database stops at once right after (SHUTDOWN IMMEDIATELY writes nothing more, as
 * a crashed process would), also when several messages shared one commit. A Modulo of its own, on its own data directory, since the test stops
 * its database.
 */
class DurableAcknowledgementTest {

    @Test
    void aPostAcknowledgedWith250IsInTheFileWhenTheDatabaseStopsAtOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("modulo-durable-");
        // Command-line arguments outrank the test run's system properties (its shared data directory).
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ModuloApplication.class)
                .run("--modulo.data-dir=" + dataDir, "--server.port=0", "--modulo.mailin.port=0",
                        "--modulo.mailin.max-connections-per-client=9")) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            int smtpPort = Integer.parseInt(app.getEnvironment().getProperty("local.mailin.port"));
            WebTestClient client = WebTestClient.bindToServer().baseUrl(base).responseTimeout(Duration.ofSeconds(30))
                    .build();
            TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("durable"), TwoAccounts.PASSWORD,
                    "basic");
            String address = MailinSettingsTest.addressOn(me);

            try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
                assertThat(smtp.send("ann@example.org", MailinSmtpTest.corpus("plain.eml"), address).code())
                        .isEqualTo(250);
            }
            // Eight senders at once: their messages share commits, and each 250 comes after its own.
            String plain = new String(MailinSmtpTest.corpus("plain.eml"), StandardCharsets.UTF_8);
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<Integer>> codes = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                byte[] message = plain.replace("Lisbon in the rain", "Porto, day " + n)
                        .replace("<plain-1@example.org>", "<porto-" + n + "@example.org>")
                        .getBytes(StandardCharsets.UTF_8);
                codes.add(senders.submit(() -> {
                    try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
                        return smtp.send("ann@example.org", message, address).code();
                    }
                }));
            }
            for (Future<Integer> code : codes) {
                assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(250);
            }
            senders.shutdown();
            String url = app.getEnvironment().getProperty("spring.flyway.url");
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                connection.createStatement().execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException closedUnderneath) {
                // The statement closes its own connection.
            }

            List<String> titles = new ArrayList<>();
            try (Connection reopened = DriverManager.getConnection(url, "sa", "");
                    ResultSet rows = reopened.createStatement().executeQuery(
                            "SELECT p.title FROM blog_post p JOIN inbound_message m ON m.post_id = p.id")) {
                while (rows.next()) {
                    titles.add(rows.getString(1));
                }
            }
            assertThat(titles).containsExactlyInAnyOrder("Lisbon in the rain", "Porto, day 0", "Porto, day 1",
                    "Porto, day 2", "Porto, day 3", "Porto, day 4", "Porto, day 5", "Porto, day 6", "Porto, day 7");
        }
    }
}
