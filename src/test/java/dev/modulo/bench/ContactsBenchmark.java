package dev.modulo.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.TestBrowser;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * vCard import time and search latency, against a Modulo started here on a random loopback port
 * with a fresh data directory: imports one generated .vcf of 10,000 cards (names, emails, phones
 * written in several formats, addresses, tags), then searches by name, email, tag and by phone
 * number written another way than it was stored, and prints one report.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Contacts</pre>
 *
 * Settings (system properties): {@code bench.cards} (10000), {@code bench.searches} (400),
 * {@code bench.searchClients} (4).
 */
public final class ContactsBenchmark {

    private static final String PASSWORD = "benchmarking all the people";
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) cards read — (\\d+) imported, (\\d+) merged, (\\d+) skipped");
    private static final String[] GIVEN = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Grace", "Hugo", "Ida",
            "Jonas", "Karla", "Lukas", "Mia", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tara"};
    private static final String[] FAMILY = {"Schmidt", "Müller", "Okafor", "Lovelace", "Hopper", "Nakamura", "García",
            "Novak", "Dubois", "Kowalski", "Rossi", "Jensen", "Silva", "Park", "Ivanova", "Brown", "Yilmaz", "Costa"};
    private static final String[] TAGS = {"family", "work", "climbing", "choir", "school", "neighbours"};

    private ContactsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cards = Integer.getInteger("bench.cards", 10_000);
        int searches = Integer.getInteger("bench.searches", 400);
        int searchClients = Integer.getInteger("bench.searchClients", 4);
        try (ConfigurableApplicationContext app = Bench.start(args)) {
            WebTestClient client = Bench.client(app, Duration.ofMinutes(10), 64 * 1024 * 1024);
            String username = TestBrowser.uniqueName("bench");
            // Signs up with phone region DE.
            TestBrowser owner = new TestBrowser(client).signUp(username, PASSWORD, "pro");

            byte[] file = generate(cards).getBytes(StandardCharsets.UTF_8);
            owner.get("/contacts/import");
            long importStart = System.nanoTime();
            TestBrowser.Page report = owner.upload("/contacts/import", Map.of("bench.vcf", file), false);
            double importSeconds = (System.nanoTime() - importStart) / 1e9;
            Matcher summary = SUMMARY.matcher(report.body());
            if (report.status() != 200 || !summary.find()) {
                throw new IllegalStateException("Import failed: " + report.status());
            }

            List<String> queries = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                int n = (i * 7919) % cards;
                queries.add(switch (i % 5) {
                    case 0 -> FAMILY[n % FAMILY.length].substring(0, 4).toLowerCase();
                    case 1 -> "person" + n + "@";
                    case 2 -> TAGS[n % TAGS.length];
                    case 3 -> "+49 30 " + (1_000_000 + n);             // stored as 030/…
                    default -> "0049 (30) " + (1_000_000 + n);         // stored as +49 30 …
                });
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, List<Long>> byKind = new java.util.concurrent.ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(searchClients);
            long searchStart = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < searchClients; c++) {
                int first = c;
                running.add(pool.submit(() -> {
                    TestBrowser browser = new TestBrowser(client);
                    browser.logIn(username, PASSWORD);
                    for (int i = first; i < queries.size(); i += searchClients) {
                        long start = System.nanoTime();
                        TestBrowser.Page page = browser.get("/contacts?q={q}", queries.get(i));
                        latencies.add(System.nanoTime() - start);
                        byKind.computeIfAbsent(i % 5, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(System.nanoTime() - start);
                        if (page.status() != 200 || !page.body().contains("data-contact-id")) {
                            throw new IllegalStateException("Search for " + queries.get(i) + " found nothing");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : running) {
                done.get();
            }
            double searchSeconds = (System.nanoTime() - searchStart) / 1e9;
            pool.shutdown();

            Collections.sort(latencies);
            System.out.println();
            System.out.println("Modulo contacts benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, loopback)");
            System.out.printf("  import:  %d cards, %.1f MB in one .vcf: %s imported in %.1f s (%.0f cards/s)%n",
                    cards, file.length / 1e6, summary.group(2), importSeconds, cards / importSeconds);
            System.out.printf("  search:  %d searches (name, email, tag, phone in another format), %d clients: "
                            + "%.0f searches/s, p50 %.1f ms, p95 %.1f ms%n",
                    searches, searchClients, searches / searchSeconds, Bench.percentile(latencies, 50),
                    Bench.percentile(latencies, 95));
            String[] kinds = {"name", "email", "tag", "phone +49", "phone 0049"};
            byKind.forEach((kind, times) -> {
                Collections.sort(times);
                System.out.printf("           %-10s p50 %.1f ms, p95 %.1f ms%n", kinds[kind], Bench.percentile(times, 50),
                        Bench.percentile(times, 95));
            });
        }
    }

    /** Cards with phones written as 030/…, +49 30 …, and (every tenth) +1 (415) …. */
    static String generate(int count) {
        StringBuilder vcf = new StringBuilder(count * 300);
        for (int n = 0; n < count; n++) {
            String given = GIVEN[n % GIVEN.length];
            String family = FAMILY[(n / GIVEN.length) % FAMILY.length];
            String phone = n % 2 == 0 ? "030/" + (1_000_000 + n) : "+49 30 " + (1_000_000 + n);
            vcf.append("BEGIN:VCARD\r\nVERSION:3.0\r\n")
                    .append("FN:").append(given).append(' ').append(family).append(' ').append(n).append("\r\n")
                    .append("N:").append(family).append(';').append(given).append(";;;\r\n")
                    .append("EMAIL;TYPE=INTERNET;TYPE=HOME:person").append(n).append("@example.com\r\n")
                    .append("TEL;TYPE=CELL:").append(phone).append("\r\n");
            if (n % 10 == 0) {
                vcf.append("item1.TEL:+1 (415) 555-").append(String.format("%04d", n % 10_000)).append("\r\n")
                        .append("item1.X-ABLabel:Office\r\n");
            }
            vcf.append("ADR;TYPE=HOME:;;").append(n).append(" Main Street;Berlin;;10115;Germany\r\n")
                    .append("ORG:Company ").append(n % 250).append("\r\n")
                    .append("CATEGORIES:").append(TAGS[n % TAGS.length]).append("\r\n")
                    .append("END:VCARD\r\n");
        }
        return vcf.toString();
    }

}
