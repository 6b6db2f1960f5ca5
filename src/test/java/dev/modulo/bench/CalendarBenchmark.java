package dev.modulo.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.modulo.testing.TestBrowser;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Month-view render latency over a busy calendar: 5,000 events of which 200 repeat (daily for a
 * fortnight, weekly, monthly), spread over a year, imported as one .ics file; then clients load
 * month views (expansion, overrides, rendering) for a fixed time.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Calendar</pre>
 *
 * Settings (system properties): {@code bench.events} (5000), {@code bench.series} (200),
 * {@code bench.seconds} (10), {@code bench.clients} (4).
 */
public final class CalendarBenchmark {

    private static final String PASSWORD = "benchmarking all the days";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final LocalDate YEAR = LocalDate.of(2027, 1, 1);

    private CalendarBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 5000);
        int series = Integer.getInteger("bench.series", 200);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int clients = Integer.getInteger("bench.clients", 4);
        byte[] ics = calendar(events, series).getBytes(StandardCharsets.UTF_8);

        try (ConfigurableApplicationContext app = Bench.start(args)) {
            WebTestClient client = Bench.client(app);
            String username = TestBrowser.uniqueName("bench");
            TestBrowser owner = new TestBrowser(client).signUp(username, PASSWORD, "pro");

            long importStart = System.nanoTime();
            TestBrowser.Page report = owner.uploadFile("/calendar/import", "file", "bench.ics", ics);
            double importSeconds = (System.nanoTime() - importStart) / 1e9;
            if (report.status() != 200 || !report.body().contains("<strong>" + events + "</strong> added")) {
                throw new IllegalStateException("Import failed: " + report.status() + " " + report.body());
            }

            for (int i = 0; i < 10; i++) {
                owner.get("/calendar/month?date=" + YEAR.plusMonths(i % 12));
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<Integer>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                work.add(pool.submit(() -> {
                    TestBrowser browser = new TestBrowser(client);
                    browser.logIn(username, PASSWORD);
                    int pages = 0;
                    int size = 0;
                    for (int i = first; System.nanoTime() < end; i++) {
                        long begin = System.nanoTime();
                        TestBrowser.Page month = browser.get("/calendar/month?date=" + YEAR.plusMonths(i % 12));
                        latencies.add(System.nanoTime() - begin);
                        if (month.status() != 200) {
                            throw new IllegalStateException("Month view failed: " + month.status());
                        }
                        size = Math.max(size, month.body().split("class=\"event-chip", -1).length - 1);
                        pages++;
                    }
                    return size;
                }));
            }
            int chips = 0;
            for (Future<Integer> done : work) {
                chips = Math.max(chips, done.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            String busiest = owner.get("/calendar/agenda?date=" + YEAR.plusMonths(5)).body();

            Collections.sort(latencies);
            System.out.println();
            System.out.println("Modulo calendar benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback)");
            System.out.printf("  import:     %d events (%d repeating), %.1f MB .ics: %.1f s%n", events, series,
                    ics.length / 1e6, importSeconds);
            System.out.printf("  month view: %d clients for %.0f s: %d pages, %.1f pages/s, p50 %.1f ms, p95 %.1f ms"
                    + " (up to %d chips drawn per page)%n", clients, elapsed, latencies.size(),
                    latencies.size() / elapsed, Bench.percentile(latencies, 50), Bench.percentile(latencies, 95), chips);
            if (busiest.contains("class=\"notice\"")) {
                System.out.println("  note: a view was cut short by the expansion cap");
            }
        }
    }

    /** A year of events: singles at random hours, and series that repeat daily, weekly or monthly. */
    static String calendar(int events, int series) {
        Random random = new Random(42);
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Modulo//Bench//EN\r\n");
        for (int i = 0; i < events; i++) {
            LocalDateTime start = YEAR.plusDays(random.nextInt(365)).atTime(7 + random.nextInt(12), random.nextInt(4) * 15);
            ics.append("BEGIN:VEVENT\r\nUID:bench-").append(i).append("@modulo\r\n")
                    .append("DTSTAMP:20260101T000000Z\r\n")
                    .append("DTSTART;TZID=Europe/Berlin:").append(start.format(LOCAL)).append("\r\n")
                    .append("DTEND;TZID=Europe/Berlin:").append(start.plusMinutes(45).format(LOCAL)).append("\r\n")
                    .append("SUMMARY:Event number ").append(i).append("\r\n");
            if (i < series) {
                ics.append(switch (i % 10) {
                    case 0 -> "RRULE:FREQ=DAILY;COUNT=14\r\n";
                    case 1, 2 -> "RRULE:FREQ=MONTHLY\r\n";
                    default -> "RRULE:FREQ=WEEKLY\r\n";
                });
            }
            ics.append("END:VEVENT\r\n");
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }
}
