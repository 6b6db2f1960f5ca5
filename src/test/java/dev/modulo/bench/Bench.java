package dev.modulo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.modulo.ModuloApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What every benchmark shares: a Modulo on a random loopback port with a fresh data directory, and percentiles. */
final class Bench {

    private Bench() {
    }

    /**
     * Starts Modulo as a deployment would (system properties outrank application.yaml), quietly, in
     * a fresh data directory unless {@code modulo.data-dir} is already set.
     */
    static ConfigurableApplicationContext start(String[] args) throws IOException {
        if (System.getProperty("modulo.data-dir") == null) {
            Path dataDir = Files.createTempDirectory("modulo-bench-");
            System.setProperty("modulo.data-dir", dataDir.toString());
        }
        System.setProperty("java.security.egd", "file:/dev/./urandom");
        System.setProperty("server.port", "0");
        System.setProperty("modulo.web.logins-per-minute", "100000");
        // A free SMTP port, so a benchmark never collides with a running Modulo's (2525).
        System.setProperty("modulo.mailin.port", System.getProperty("modulo.mailin.port", "0"));
        System.setProperty("logging.level.root", "warn");
        return new SpringApplicationBuilder(ModuloApplication.class).run(args);
    }

    /** A client of the started Modulo with room for large pages. */
    static WebTestClient client(ConfigurableApplicationContext app) {
        return client(app, Duration.ofMinutes(1), 16 * 1024 * 1024);
    }

    /** A client that waits {@code timeout} for an answer and reads answers up to {@code maxBytes}. */
    static WebTestClient client(ConfigurableApplicationContext app, Duration timeout, int maxBytes) {
        return client("http://localhost:" + app.getEnvironment().getProperty("local.server.port"), timeout, maxBytes);
    }

    /** A client of a Modulo at {@code baseUrl} (for one in its own JVM, {@link ModuloProcess}). */
    static WebTestClient client(String baseUrl) {
        return client(baseUrl, Duration.ofMinutes(1), 16 * 1024 * 1024);
    }

    private static WebTestClient client(String baseUrl, Duration timeout, int maxBytes) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(timeout)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxBytes)).build();
    }

    /** The {@code percent} percentile of sorted nanosecond latencies, in milliseconds. */
    static double percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1e6;
    }
}
