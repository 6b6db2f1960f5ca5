package dev.modulo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.TestBrowser;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Head of line: does heavy work for some make everybody else wait? A visitor's public blog page is
 * timed on an idle server, then again while many clients upload large pictures and several mail
 * servers deliver posts with pictures; the report compares the two and counts every failure.
 * Modulo runs in a JVM of its own ({@link ModuloProcess}).
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=HeadOfLine</pre>
 *
 * Everything runs once for {@code bench.warmupSeconds} (20) first, so that the phases measure code
 * the JIT has compiled. Settings (system properties): {@code bench.seconds} (30, each phase), {@code bench.probeClients} (4),
 * {@code bench.uploaders} (20), {@code bench.pictureMegapixels} (12, about 20 MB as a noisy JPEG),
 * {@code bench.mailers} (8), {@code bench.probe} ({@code reader}: the public blog page, kept rendered;
 * {@code owner}: the owner's list of posts, signed in, rendered for each request), {@code bench.jvmArgs}
 * (for the server JVM).
 */
public final class HeadOfLineBenchmark {

    private static final Pattern ADDRESS = Pattern.compile("id=\"posting-address\">([^<]+)</code>");
    private static final String PASSWORD = "measuring the head of the line";

    private HeadOfLineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 20));
        int probeClients = Integer.getInteger("bench.probeClients", 4);
        int uploaders = Integer.getInteger("bench.uploaders", 20);
        int megapixels = Integer.getInteger("bench.pictureMegapixels", 12);
        int mailers = Integer.getInteger("bench.mailers", 8);

        byte[] bigPicture = Pictures.noisyJpeg(megapixels);
        byte[] mailPicture = Pictures.noisyJpeg(1);
        try (ModuloProcess modulo = ModuloProcess.start(
                "--modulo.web.logins-per-minute=100000", "--modulo.accounts.signups-per-hour=100000",
                "--modulo.mailin.max-connections-per-client=" + (mailers + 2))) {
            WebTestClient client = Bench.client(modulo.baseUrl());
            String blogger = TestBrowser.uniqueName("blogger");
            TestBrowser owner = new TestBrowser(client).signUp(blogger, PASSWORD, "basic");
            Blogs.withPosts(owner, 20);
            // A reader's page is kept rendered (served as bytes); the owner's list is rendered each time.
            boolean asOwner = "owner".equals(System.getProperty("bench.probe", "reader"));
            String page = asOwner ? "/blog" : "/@" + blogger;
            HttpLoad.Request probe = asOwner ? new HttpLoad.Request(page, "SESSION=" + owner.cookie("SESSION"))
                    : HttpLoad.Request.visitor(page);

            List<String> uploaderNames = List.of(TestBrowser.uniqueName("up"), TestBrowser.uniqueName("up"));
            uploaderNames.forEach(name -> new TestBrowser(client).signUp(name, PASSWORD, "pro"));
            TestBrowser mailer = new TestBrowser(client).signUp(TestBrowser.uniqueName("mailer"), PASSWORD, "pro");
            Matcher address = ADDRESS.matcher(mailer.get("/blog/email").body());
            if (!address.find()) {
                throw new IllegalStateException("No posting address on /blog/email");
            }

            // The uploaders sign in once, here: twenty password hashes at the start of the load phase
            // would be a login storm, which is not what this measures.
            List<TestBrowser> signedIn = new ArrayList<>();
            for (int u = 0; u < uploaders; u++) {
                TestBrowser uploader = new TestBrowser(client);
                uploader.logIn(uploaderNames.get(u % uploaderNames.size()), PASSWORD);
                signedIn.add(uploader);
            }

            // Warm up every path the phases use (the JIT compiles them now, not in the middle of a phase).
            Background warmUp = new Background(signedIn, bigPicture, modulo.smtpPort(),
                    address.group(1), mailPicture, mailers);
            HttpLoad.run(modulo.baseUrl(), probeClients, warmup, Duration.ofSeconds(10),
                    n -> probe);
            warmUp.stop();

            CpuShare idleCpu = CpuShare.start(modulo);
            HttpLoad.Result idle = HttpLoad.run(modulo.baseUrl(), probeClients, phase, Duration.ofSeconds(10),
                    n -> probe);
            String idleShare = idleCpu.end();

            Background load = new Background(signedIn, bigPicture, modulo.smtpPort(),
                    address.group(1), mailPicture, mailers);
            Thread.sleep(3_000); // let the uploads and mails get going
            CpuShare loadedCpu = CpuShare.start(modulo);
            HttpLoad.Result loaded = HttpLoad.run(modulo.baseUrl(), probeClients, phase, Duration.ofSeconds(10),
                    n -> probe);
            String loadedShare = loadedCpu.end();
            load.stop();
            Counts uploads = load.uploads;
            Counts mails = load.mails;

            System.out.println();
            System.out.println("Modulo head-of-line benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback, server in its own JVM)");
            System.out.printf("  %s %s, %d probe clients, %d s each%n", asOwner ? "the owner's blog list (signed in)"
                    : "public blog page", page, probeClients, phase.toSeconds());
            System.out.println("  idle server:  " + idle.summary());
            System.out.println("                " + idleShare);
            System.out.println("  under load:   " + loaded.summary());
            System.out.println("                " + loadedShare);
            System.out.printf("  p99 under load / p99 idle: %.2f (goal <= 2)%n", loaded.percentile(99) / idle.percentile(99));
            System.out.printf("  load: %d clients uploading %.1f MB pictures (%s), %d SMTP clients posting mails with a %.1f MB picture (%s)%n",
                    uploaders, bigPicture.length / 1e6, uploads, mailers, mailPicture.length / 1e6, mails);
            System.out.printf("  server log: %d lock timeouts, %d busy (503) answers, %d ERROR lines%n",
                    modulo.logLines("Timeout trying to lock").size(), modulo.logLines("Busy:").size(),
                    modulo.logLines(" ERROR ").size());
            System.out.printf("  failures (5xx, timeouts, broken connections): page %d, uploads %d, mails %d%n",
                    loaded.failures() + idle.failures(), uploads.failed.get(), mails.failed.get());
        }
    }

    /** Uploaders and mail senders working until stopped. */
    private static final class Background {

        private static final AtomicLong SEQUENCE = new AtomicLong();

        final Counts uploads = new Counts();
        final Counts mails = new Counts();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService workers;
        private final List<Future<?>> running = new ArrayList<>();

        Background(List<TestBrowser> uploaders, byte[] picture, int smtpPort, String address, byte[] mailPicture,
                int mailers) {
            workers = Executors.newFixedThreadPool(Math.max(1, uploaders.size() + mailers));
            for (TestBrowser uploader : uploaders) {
                running.add(workers.submit(() -> upload(uploader, picture, SEQUENCE, uploads, stop)));
            }
            for (int m = 0; m < mailers; m++) {
                running.add(workers.submit(() -> Mails.sendUntil(smtpPort, address, mailPicture, SEQUENCE, mails, stop)));
            }
        }

        void stop() throws Exception {
            stop.set(true);
            for (Future<?> done : running) {
                done.get();
            }
            workers.shutdown();
        }
    }

    private static Void upload(TestBrowser browser, byte[] picture, AtomicLong sequence, Counts counts,
            AtomicBoolean stop) {
        while (!stop.get()) {
            long n = sequence.incrementAndGet();
            try {
                TestBrowser.Page answer = browser.upload("/images",
                        Map.of("bench-" + n + ".jpg", Pictures.distinct(picture, n)), true);
                counts.record(answer.status() == 200 && answer.body().contains("\"imageId\""), answer.status());
            } catch (RuntimeException failed) {
                counts.failed.incrementAndGet();
            }
        }
        return null;
    }

    /** Successes and failures of one kind of work, by status. */
    static final class Counts {

        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, AtomicLong> refused = new java.util.concurrent.ConcurrentHashMap<>();

        void record(boolean succeeded, int status) {
            if (succeeded) {
                ok.incrementAndGet();
            } else if (status >= 500 || status == 0) {
                failed.incrementAndGet();
            } else {
                refused.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
            }
        }

        @Override
        public String toString() {
            return ok.get() + " done, " + failed.get() + " failed" + (refused.isEmpty() ? "" : ", refused " + refused);
        }
    }
}
