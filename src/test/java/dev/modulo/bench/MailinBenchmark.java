package dev.modulo.bench;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.TestBrowser;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Blog by email: messages acknowledged (250, so committed as posts) per second, against a Modulo
 * started here with a fresh data directory, its SMTP listener on a free loopback port. Several
 * clients each send their share of the messages over one SMTP connection (Jakarta Mail).
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Mailin</pre>
 *
 * Settings (system properties): {@code bench.messages} (300), {@code bench.clients} (4),
 * {@code bench.h2Settings} (the H2 URL settings, to compare, e.g. {@code MODE=PostgreSQL;WRITE_DELAY=500}).
 */
public final class MailinBenchmark {

    private static final Pattern ADDRESS = Pattern.compile("id=\"posting-address\">([^<]+)</code>");
    private static final String PASSWORD = "benchmarking the mail slot";

    private MailinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 300);
        int clients = Integer.getInteger("bench.clients", 4);
        Path dataDir = Files.createTempDirectory("modulo-bench-");
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        System.setProperty("modulo.data-dir", dataDir.toString());
        System.setProperty("modulo.mailin.port", String.valueOf(smtpPort));
        System.setProperty("modulo.mailin.bind-address", "127.0.0.1");
        System.setProperty("modulo.mailin.max-connections-per-client", String.valueOf(clients + 1));
        String h2Settings = System.getProperty("bench.h2Settings");
        if (h2Settings != null) {
            String file = dataDir.toAbsolutePath().resolve("modulo").toString();
            System.setProperty("spring.r2dbc.url", "r2dbc:h2:file:///" + file + "?options=" + h2Settings);
            System.setProperty("spring.flyway.url", "jdbc:h2:file:" + file + ";" + h2Settings);
            System.setProperty("spring.r2dbc.username", "sa");
            System.setProperty("spring.flyway.user", "sa");
        }

        try (ConfigurableApplicationContext app = Bench.start(args)) {
            WebTestClient client = Bench.client(app);
            TestBrowser browser = new TestBrowser(client).signUp(TestBrowser.uniqueName("bench"), PASSWORD, "pro");
            Matcher address = ADDRESS.matcher(browser.get("/blog/email").body());
            if (!address.find()) {
                throw new IllegalStateException("No posting address on /blog/email");
            }
            String to = address.group(1);

            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(smtpPort));
            Session session = Session.getInstance(properties);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> sending = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                sending.add(pool.submit(() -> {
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect();
                        Address[] recipients = {new InternetAddress(to)};
                        for (int i = first; i < messages; i += clients) {
                            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(message(i)));
                            long sent = System.nanoTime();
                            transport.sendMessage(message, recipients);
                            latencies.add(System.nanoTime() - sent);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : sending) {
                done.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();

            Collections.sort(latencies);
            System.out.println();
            System.out.println("Modulo blog-by-email benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback" + (h2Settings == null ? "" : ", H2 " + h2Settings) + ")");
            System.out.printf("  %d messages from %d clients: %.1f s, %.1f acknowledged messages/s, p50 %.1f ms, p95 %.1f ms%n",
                    latencies.size(), clients, seconds, latencies.size() / seconds, Bench.percentile(latencies, 50),
                    Bench.percentile(latencies, 95));
        }
    }

    /** A plain-text message of a few paragraphs with its own Message-ID and tags. */
    private static byte[] message(int n) {
        String text = """
                From: Bench <bench@example.org>
                Subject: Post number %d [tags: bench, mail]
                Message-ID: <bench-%d@example.org>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                This is post number %d, sent by the benchmark. It has a few paragraphs of text.

                Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut
                labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.

                --\s
                The benchmark
                """.formatted(n, n, n);
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

}
