package dev.modulo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.TestBrowser;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Pull the plug: Modulo is killed with SIGKILL while pictures upload, a 20,000-card vCard import
 * runs and mail servers deliver posts, then started again on the same data. The report says
 * whether anything was left half-done: an image row without its files, part of an import, a mail
 * acknowledged with 250 that is not a post exactly once, storage counted for bytes not kept.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Crash</pre>
 *
 * The kill comes once pictures and mails are being acknowledged (at least {@code bench.killAfterAcknowledged},
 * 10 of each), while the import runs. Settings: {@code bench.uploaders} (4),
 * {@code bench.mailers} (8), {@code bench.cards} (20000), {@code bench.rounds} (1).
 */
public final class CrashBenchmark {

    private static final Pattern ADDRESS = Pattern.compile("id=\"posting-address\">([^<]+)</code>");
    private static final String PASSWORD = "pulling the plug on purpose";

    private CrashBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // The killed server's connections reset by the dozen: expected here, not worth a stack trace each.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("reactor.netty"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
        int killAfterAcknowledged = Integer.getInteger("bench.killAfterAcknowledged", 10);
        int uploaders = Integer.getInteger("bench.uploaders", 4);
        int mailers = Integer.getInteger("bench.mailers", 8);
        int cards = Integer.getInteger("bench.cards", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 1);
        byte[] picture = Pictures.noisyJpeg(2);
        byte[] vcf = ContactsBenchmark.generate(cards).getBytes(StandardCharsets.UTF_8);

        System.out.println();
        System.out.println("Modulo crash benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, loopback, server in its own JVM, killed with SIGKILL)");
        try (ModuloProcess modulo = ModuloProcess.start("--modulo.web.logins-per-minute=100000",
                "--modulo.accounts.signups-per-hour=100000",
                "--modulo.mailin.max-connections-per-client=" + (mailers + 2))) {
            for (int round = 1; round <= rounds; round++) {
                WebTestClient client = Bench.client(modulo.baseUrl());
                String uploader = TestBrowser.uniqueName("up");
                String importer = TestBrowser.uniqueName("importer");
                new TestBrowser(client).signUp(uploader, PASSWORD, "pro");
                TestBrowser importing = new TestBrowser(client).signUp(importer, PASSWORD, "pro");
                TestBrowser mailer = new TestBrowser(client).signUp(TestBrowser.uniqueName("mailer"), PASSWORD, "pro");
                Matcher address = ADDRESS.matcher(mailer.get("/blog/email").body());
                if (!address.find()) {
                    throw new IllegalStateException("No posting address on /blog/email");
                }
                importing.get("/contacts/import");

                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong sequence = new AtomicLong(round * 1_000_000L);
                HeadOfLineBenchmark.Counts uploads = new HeadOfLineBenchmark.Counts();
                Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
                ExecutorService workers = Executors.newFixedThreadPool(uploaders + mailers + 1);
                for (int u = 0; u < uploaders; u++) {
                    workers.submit(() -> upload(client, uploader, picture, sequence, uploads, stop));
                }
                for (int m = 0; m < mailers; m++) {
                    workers.submit(() -> mail(modulo.smtpPort(), address.group(1), sequence, acknowledged, stop));
                }
                Future<TestBrowser.Page> importDone = workers.submit(() -> importing.upload("/contacts/import", Map.of("crash.vcf", vcf), false));

                long loadStart = System.nanoTime();
                long patience = loadStart + TimeUnit.MINUTES.toNanos(3);
                while ((uploads.ok.get() < killAfterAcknowledged || acknowledged.size() < killAfterAcknowledged)
                        && System.nanoTime() < patience) {
                    Thread.sleep(100);
                }
                double killedAfter = (System.nanoTime() - loadStart) / 1e9;
                boolean importRunning = !importDone.isDone();
                modulo.kill();
                stop.set(true);
                workers.shutdown();
                workers.awaitTermination(2, TimeUnit.MINUTES);

                long restartStart = System.nanoTime();
                modulo.startAgain();
                double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
                String signIn = String.valueOf(new TestBrowser(Bench.client(modulo.baseUrl())).logIn(uploader, PASSWORD)
                        .location());
                modulo.stop();

                System.out.printf("  round %d: killed after %.1f s of load (%s uploads, %d mails acknowledged, import running: %s);%n            "
                        + "restarted and healthy in %.1f s, sign-in leads to %s%n", round, killedAfter, uploads,
                        acknowledged.size(), importRunning ? "yes" : "no, it had ended: " + importOutcome(importDone),
                        restartSeconds, signIn);
                check(modulo.dataDir(), uploader, importer, cards, acknowledged);
                modulo.startAgain();
            }
        }
    }

    private static String importOutcome(Future<TestBrowser.Page> done) {
        try {
            TestBrowser.Page report = done.get();
            Matcher summary = Pattern.compile("\\d+ cards read[^<]*").matcher(report.body());
            return report.status() + (summary.find() ? " " + summary.group() : "");
        } catch (Exception failed) {
            return failed.toString();
        }
    }

    /** Opens the H2 file directly (the server is stopped) and reports what would be half-done. */
    private static void check(Path dataDir, String uploader, String importer, int cards, Set<Long> acknowledged)
            throws SQLException {
        Properties credentials = new Properties();
        credentials.put("user", "sa");
        credentials.put("password", "");
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("modulo") + ";MODE=PostgreSQL";
        try (Connection db = DriverManager.getConnection(url, credentials)) {
            long images = 0;
            long missingFiles = 0;
            try (ResultSet rows = db.createStatement().executeQuery(
                    "SELECT sha256, thumbnail_type FROM image")) {
                while (rows.next()) {
                    images++;
                    String sha = rows.getString(1);
                    String extension = "image/png".equals(rows.getString(2)) ? "png" : "jpg";
                    for (String name : List.of(sha, sha + ".320." + extension, sha + ".1280." + extension)) {
                        Path file = dataDir.resolve("blobs").resolve(name.substring(0, 2)).resolve(name.substring(2, 4))
                                .resolve(name);
                        if (!Files.isRegularFile(file)) {
                            missingFiles++;
                        }
                    }
                }
            }
            long contacts = single(db, "SELECT COUNT(*) FROM contact c JOIN account a ON a.id = c.account_id"
                    + " WHERE a.username = ?", importer);
            long quotaDrift = single(db, "SELECT a.storage_used_bytes - COALESCE((SELECT SUM(i.size_bytes) FROM image i"
                    + " WHERE i.account_id = a.id), 0) FROM account a WHERE a.username = ?", uploader);
            long acknowledgedMissing = 0;
            long acknowledgedTwice = 0;
            try (PreparedStatement posts = db.prepareStatement("SELECT COUNT(*) FROM blog_post WHERE title = ?")) {
                for (long n : acknowledged) {
                    posts.setString(1, "Picture post " + n);
                    try (ResultSet count = posts.executeQuery()) {
                        count.next();
                        long found = count.getLong(1);
                        acknowledgedMissing += found == 0 ? 1 : 0;
                        acknowledgedTwice += found > 1 ? 1 : 0;
                    }
                }
            }
            System.out.printf("    images: %d rows, %d files missing for them%n", images, missingFiles);
            System.out.printf("    import of %,d cards: %,d contacts present (all or nothing: %s)%n", cards, contacts,
                    contacts == 0 || contacts == cards ? "yes" : "NO");
            System.out.printf("    mails answered 250: %d missing, %d posted twice%n", acknowledgedMissing,
                    acknowledgedTwice);
            System.out.printf("    storage counted minus bytes of images kept: %,d bytes%n", quotaDrift);
        }
    }

    private static long single(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getLong(1) : -1;
            }
        }
    }

    private static Void upload(WebTestClient client, String username, byte[] picture, AtomicLong sequence,
            HeadOfLineBenchmark.Counts counts, AtomicBoolean stop) {
        TestBrowser browser = new TestBrowser(client);
        browser.logIn(username, PASSWORD);
        while (!stop.get()) {
            long n = sequence.incrementAndGet();
            try {
                TestBrowser.Page answer = browser.upload("/images", Map.of("crash-" + n + ".jpg",
                        Pictures.distinct(picture, n)), true);
                counts.record(answer.status() == 200 && answer.body().contains("\"imageId\""), answer.status());
            } catch (RuntimeException killed) {
                counts.failed.incrementAndGet();
                return null;
            }
        }
        return null;
    }

    /** Sends picture posts until the server goes away; remembers each one answered 250. */
    private static Void mail(int port, String to, AtomicLong sequence, Set<Long> acknowledged, AtomicBoolean stop)
            throws MessagingException {
        Session session = Mails.session(port);
        Address[] recipients = {new InternetAddress(to)};
        byte[] picture = Pictures.noisyJpeg(1);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            while (!stop.get()) {
                long n = sequence.incrementAndGet();
                try {
                    transport.sendMessage(Mails.withPicture(session, n, Pictures.distinct(picture, n)), recipients);
                    acknowledged.add(n);
                } catch (MessagingException killed) {
                    return null;
                }
            }
        } catch (MessagingException killed) {
            // The server went away before or after this connection's last message.
        }
        return null;
    }
}
