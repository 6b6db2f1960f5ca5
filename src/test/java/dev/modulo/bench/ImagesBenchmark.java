package dev.modulo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.ModuloApplication;
import dev.modulo.images.TestImages;
import dev.modulo.testing.TestBrowser;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Upload throughput and thumbnail-serving rate, against a Modulo started here on a random
 * loopback port with a fresh data directory. Bounded in count and time; prints one report.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java</pre>
 *
 * Settings (system properties): {@code bench.uploads} (40), {@code bench.uploadClients} (4),
 * {@code bench.serveSeconds} (10), {@code bench.serveClients} (8).
 */
public final class ImagesBenchmark {

    private static final Pattern IMAGE_ID = Pattern.compile("\"imageId\":(\\d+)");
    private static final String PASSWORD = "benchmarking all the pictures";

    private ImagesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int uploads = Integer.getInteger("bench.uploads", 40);
        int uploadClients = Integer.getInteger("bench.uploadClients", 4);
        int serveSeconds = Integer.getInteger("bench.serveSeconds", 10);
        int serveClients = Integer.getInteger("bench.serveClients", 8);
        Path dataDir = Files.createTempDirectory("modulo-bench-");
        System.setProperty("java.security.egd", "file:/dev/./urandom");
        // System properties outrank application.yaml, as a deployment's settings would.
        System.setProperty("server.port", "0");
        System.setProperty("modulo.data-dir", dataDir.toString());
        System.setProperty("modulo.web.logins-per-minute", "100000");
        // Not measured here; a free port keeps the benchmark from colliding with a running Modulo's SMTP port.
        System.setProperty("modulo.mailin.port", "0");
        System.setProperty("logging.level.root", "warn");

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ModuloApplication.class).run(args)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            WebTestClient client = WebTestClient.bindToServer().baseUrl(base).responseTimeout(Duration.ofMinutes(1))
                    .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
            String username = TestBrowser.uniqueName("bench");
            new TestBrowser(client).signUp(username, PASSWORD, "pro");

            List<byte[]> photos = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                photos.add(TestImages.jpeg(2400, 1600, i + 1));
            }
            long bytes = photos.stream().mapToLong(photo -> photo.length).sum();
            List<Long> ids = Collections.synchronizedList(new ArrayList<>());

            ExecutorService pool = Executors.newFixedThreadPool(Math.max(uploadClients, serveClients));
            long uploadStart = System.nanoTime();
            List<Future<?>> uploading = new ArrayList<>();
            for (int c = 0; c < uploadClients; c++) {
                int client0 = c;
                uploading.add(pool.submit(() -> {
                    TestBrowser browser = loggedIn(client, username);
                    for (int i = client0; i < photos.size(); i += uploadClients) {
                        TestBrowser.Page page = browser.upload("/images", Map.of("photo-" + i + ".jpg", photos.get(i)), true);
                        Matcher id = IMAGE_ID.matcher(page.body());
                        if (!id.find()) {
                            throw new IllegalStateException("Upload failed: " + page.status() + " " + page.body());
                        }
                        ids.add(Long.parseLong(id.group(1)));
                    }
                    return null;
                }));
            }
            for (Future<?> done : uploading) {
                done.get();
            }
            double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;

            AtomicLong served = new AtomicLong();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long serveEnd = System.nanoTime() + Duration.ofSeconds(serveSeconds).toNanos();
            long serveStart = System.nanoTime();
            List<Future<?>> serving = new ArrayList<>();
            for (int c = 0; c < serveClients; c++) {
                int client0 = c;
                serving.add(pool.submit(() -> {
                    TestBrowser browser = loggedIn(client, username);
                    int i = client0;
                    while (System.nanoTime() < serveEnd) {
                        long id = ids.get(i++ % ids.size());
                        long start = System.nanoTime();
                        int status = browser.getBytes("/images/" + id + "/thumbnail/320", new HttpHeaders()).getStatus().value();
                        latencies.add(System.nanoTime() - start);
                        if (status == 200) {
                            served.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : serving) {
                done.get();
            }
            double serveElapsed = (System.nanoTime() - serveStart) / 1e9;
            pool.shutdown();

            Collections.sort(latencies);
            System.out.println();
            System.out.println("Modulo images benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, loopback)");
            System.out.printf("  uploads:    %d JPEGs of 2400x1600, %.1f MB, %d clients: %.1f s, %.2f MB/s, %.1f images/s%n",
                    uploads, bytes / 1e6, uploadClients, uploadSeconds, bytes / 1e6 / uploadSeconds, uploads / uploadSeconds);
            System.out.printf("  thumbnails: %d clients for %.0f s: %d served, %.0f requests/s, p50 %.1f ms, p95 %.1f ms%n",
                    serveClients, serveElapsed, served.get(), served.get() / serveElapsed,
                    percentile(latencies, 50), percentile(latencies, 95));
        }
    }

    private static TestBrowser loggedIn(WebTestClient client, String username) {
        TestBrowser browser = new TestBrowser(client);
        browser.logIn(username, PASSWORD);
        browser.get("/images");
        return browser;
    }

    private static double percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1e6;
    }
}
