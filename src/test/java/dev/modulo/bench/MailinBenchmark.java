package dev.modulo.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

/**
 * Blog by email: messages acknowledged (250, so committed as posts) per second, against a Modulo in
 * a JVM of its own ({@link ModuloProcess}) with a fresh data directory, its SMTP listener on a free
 * loopback port. Several clients each send their share of the messages over one SMTP connection
 * (Jakarta Mail); the same load runs once first, so that compiled code is measured.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Mailin</pre>
 *
 * Settings (system properties): {@code bench.messages} (2000), {@code bench.clients} (8),
 * {@code bench.warmupMessages} (2000).
 */
public final class MailinBenchmark {

    private static final Pattern ADDRESS = Pattern.compile("id=\"posting-address\">([^<]+)</code>");
    private static final String PASSWORD = "benchmarking the mail slot";

    private MailinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 2000);
        int clients = Integer.getInteger("bench.clients", 8);
        int warmup = Integer.getInteger("bench.warmupMessages", 2000);

        try (ModuloProcess modulo = ModuloProcess.start("--modulo.mailin.max-connections-per-client=" + (clients + 1))) {
            TestBrowser browser = new TestBrowser(Bench.client(modulo.baseUrl()))
                    .signUp(TestBrowser.uniqueName("bench"), PASSWORD, "pro");
            Matcher address = ADDRESS.matcher(browser.get("/blog/email").body());
            if (!address.find()) {
                throw new IllegalStateException("No posting address on /blog/email");
            }
            String to = address.group(1);
            Session session = Mails.session(modulo.smtpPort());

            send(session, to, clients, 0, warmup);
            CpuShare cpu = CpuShare.start(modulo);
            long start = System.nanoTime();
            List<Long> latencies = send(session, to, clients, warmup, messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            String share = cpu.end();

            System.out.println();
            System.out.println("Modulo blog-by-email benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback)");
            System.out.printf("  %d messages from %d clients after %d of warm-up: %.1f s, %.1f acknowledged messages/s,"
                    + " p50 %.1f ms, p95 %.1f ms%n", latencies.size(), clients, warmup, seconds,
                    latencies.size() / seconds, Bench.percentile(latencies, 50), Bench.percentile(latencies, 95));
            System.out.println("  " + share);
        }
    }

    /** Sends messages {@code first} to {@code first + count - 1}, spread over the clients; answers each one's time, sorted. */
    private static List<Long> send(Session session, String to, int clients, int first, int count) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int own = c;
                sending.add(pool.submit(() -> {
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect();
                        Address[] recipients = {new InternetAddress(to)};
                        for (int i = own; i < count; i += clients) {
                            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(message(first + i)));
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
        } finally {
            pool.shutdown();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
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
