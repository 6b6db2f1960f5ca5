package dev.modulo.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;

import dev.modulo.testing.TestBrowser;

/**
 * Month-view latency over a busy calendar: 5,000 events of which 200 repeat (daily for a
 * fortnight, weekly, monthly), spread over a year, imported as one .ics file; then clients load
 * month views (expansion, overrides, rendering) for a fixed time. Modulo runs in a JVM of its own
 * ({@link ModuloProcess}), loaded by {@link HttpLoad}, after a warm-up of the same load so that
 * compiled code is measured (with ten pages of warm-up, the compiler threads took a third of the
 * CPU while it was measured). Views are kept while the calendar does not change, so it then times
 * the first view after each of a few changes apart, from one client.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Calendar</pre>
 *
 * Settings (system properties): {@code bench.events} (5000), {@code bench.series} (200),
 * {@code bench.seconds} (10), {@code bench.clients} (4), {@code bench.warmupSeconds} (20).
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
        int warmup = Integer.getInteger("bench.warmupSeconds", 20);
        byte[] ics = calendar(events, series).getBytes(StandardCharsets.UTF_8);

        try (ModuloProcess modulo = ModuloProcess.start()) {
            TestBrowser owner = new TestBrowser(Bench.client(modulo.baseUrl()))
                    .signUp(TestBrowser.uniqueName("bench"), PASSWORD, "pro");

            long importStart = System.nanoTime();
            TestBrowser.Page report = owner.uploadFile("/calendar/import", "file", "bench.ics", ics);
            double importSeconds = (System.nanoTime() - importStart) / 1e9;
            if (report.status() != 200 || !report.body().contains("<strong>" + events + "</strong> added")) {
                throw new IllegalStateException("Import failed: " + report.status() + " " + report.body());
            }
            int chips = 0;
            for (int i = 0; i < 12; i++) {
                TestBrowser.Page month = owner.get(monthOf(i));
                if (month.status() != 200) {
                    throw new IllegalStateException("Month view failed: " + month.status());
                }
                chips = Math.max(chips, month.body().split("class=\"event-chip", -1).length - 1);
            }
            String cookie = "SESSION=" + owner.cookie("SESSION");
            LongFunction<HttpLoad.Request> months = n -> new HttpLoad.Request(monthOf(n), cookie);

            HttpLoad.run(modulo.baseUrl(), clients, Duration.ofSeconds(warmup), Duration.ofSeconds(10), months);
            CpuShare cpu = CpuShare.start(modulo);
            HttpLoad.Result result = HttpLoad.run(modulo.baseUrl(), clients, Duration.ofSeconds(seconds),
                    Duration.ofSeconds(10), months);
            String share = cpu.end();

            // The first view after each change is worked out anew (rows read, series expanded).
            List<Long> afterChange = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String day = YEAR.plusMonths(i % 12).plusDays(9).toString();
                TestBrowser.Page added = owner.post("/calendar/events", Map.of("title", "Added " + i, "startDate", day,
                        "startTime", "12:00", "endDate", day, "endTime", "13:00", "zone", "Europe/Berlin",
                        "colour", "blue"));
                if (added.status() != 303) {
                    throw new IllegalStateException("Adding an event failed: " + added.status());
                }
                long begin = System.nanoTime();
                TestBrowser.Page month = owner.get(monthOf(i));
                afterChange.add(System.nanoTime() - begin);
                // A busy day shows three chips and "+n more": the week shows them all.
                if (month.status() != 200 || !owner.get("/calendar/week?date=" + day).body().contains("Added " + i)) {
                    throw new IllegalStateException("The calendar does not show the event just added");
                }
            }
            Collections.sort(afterChange);
            String busiest = owner.get("/calendar/agenda?date=" + YEAR.plusMonths(5)).body();

            System.out.println();
            System.out.println("Modulo calendar benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback)");
            System.out.printf("  import:     %d events (%d repeating), %.1f MB .ics: %.1f s%n", events, series,
                    ics.length / 1e6, importSeconds);
            System.out.printf("  month view: %d clients for %.0f s after %d s of warm-up: %.1f pages/s, p50 %.1f ms,"
                    + " p95 %.1f ms, p99 %.1f ms (up to %d chips drawn per page)%n", clients, result.seconds(), warmup,
                    result.perSecond(), result.percentile(50), result.percentile(95), result.percentile(99), chips);
            System.out.println("              " + share + "; answers " + result.statuses() + ", "
                    + result.failures() + " failures");
            System.out.printf("  first view after a change (one client, %d changes): p50 %.1f ms, p95 %.1f ms%n",
                    afterChange.size(), Bench.percentile(afterChange, 50), Bench.percentile(afterChange, 95));
            if (busiest.contains("class=\"notice\"")) {
                System.out.println("  note: a view was cut short by the expansion cap");
            }
        }
    }

    private static String monthOf(long n) {
        return "/calendar/month?date=" + YEAR.plusMonths(n % 12);
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
