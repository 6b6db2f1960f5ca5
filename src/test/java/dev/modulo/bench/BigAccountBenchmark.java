package dev.modulo.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.modulo.calendar.CalendarService;
import dev.modulo.contacts.ContactService;
import dev.modulo.platform.DataVersions;
import dev.modulo.testing.TestBrowser;
import dev.modulo.todo.TodoService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * One account with 100,000 events (one in 500 an endless weekly series), 100,000 contacts and
 * 100,000 tasks (in ten lists), seeded through SQL ({@link BigAccountSeed}); then signed-in clients
 * load month views, contact searches and the to-do smart views, each for a fixed time, and the
 * latencies are printed.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=BigAccount</pre>
 *
 * Settings (system properties): {@code bench.rows} (100000), {@code bench.seconds} (15 per kind),
 * {@code bench.warmupSeconds} (15 per kind, the same load unmeasured first), {@code bench.clients} (4); {@code bench.postgres=true} runs it on an embedded PostgreSQL server (the
 * tests' zonky binaries) instead of H2.
 */
public final class BigAccountBenchmark {

    private static final String PASSWORD = "benchmarking a very big account";
    private static final String[] NAMES = {"anna", "schmidt", "clara rossi", "dav", "jensen", "hugo", "kowal",
        "mara weber", "wonka", "zoe", "yilm", "ben"};

    private BigAccountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int clients = Integer.getInteger("bench.clients", 4);
        int warmup = Integer.getInteger("bench.warmupSeconds", 15);
        EmbeddedPostgres postgres = Boolean.getBoolean("bench.postgres") ? EmbeddedPostgres.builder().start() : null;
        if (postgres != null) {
            String address = "//localhost:" + postgres.getPort() + "/postgres";
            System.setProperty("spring.r2dbc.url", "r2dbc:postgresql:" + address);
            System.setProperty("spring.flyway.url", "jdbc:postgresql:" + address);
            for (String user : List.of("spring.r2dbc.username", "spring.flyway.user")) {
                System.setProperty(user, "postgres");
            }
            for (String password : List.of("spring.r2dbc.password", "spring.flyway.password")) {
                System.setProperty(password, "postgres");
            }
        }

        try (ConfigurableApplicationContext app = Bench.start(args)) {
            WebTestClient client = Bench.client(app);
            String username = TestBrowser.uniqueName("big");
            new TestBrowser(client).signUp(username, PASSWORD, "pro");
            DatabaseClient db = app.getBean(DatabaseClient.class);
            long accountId = db.sql("SELECT id FROM account WHERE username = :username").bind("username", username)
                    .map((row, meta) -> row.get("id", Long.class)).one().block();

            long seedStart = System.nanoTime();
            BigAccountSeed.events(db, accountId, rows, 500);
            BigAccountSeed.contacts(db, accountId, rows);
            LocalDate today = LocalDate.now();
            for (int list = 0; list < 10; list++) {
                long listId = BigAccountSeed.list(db, accountId, "List " + list);
                BigAccountSeed.tasks(db, accountId, listId, rows / 10, today);
            }
            if (postgres != null) {
                // As autovacuum would after such a load: the planner's statistics of the new rows.
                db.sql("ANALYZE").then().block();
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            System.out.println();
            System.out.println("Modulo big-account benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback, " + (isPostgres(app) ? "PostgreSQL" : "H2") + ")");
            System.out.printf("  seeded %,d events, %,d contacts, %,d tasks in %.0f s%n", rows, rows, rows, seedSeconds);
            Random pick = new Random(7);
            run("month view", client, username, clients, warmup, seconds,
                    i -> "/calendar/month?date=" + LocalDate.of(2020, 1, 1).plusMonths(pick.nextInt(120)));
            run("contact search", client, username, clients, warmup, seconds, i -> i % 4 == 3
                    ? "/contacts?q=" + String.format("%04d", pick.nextInt(10_000))
                    : "/contacts?q=" + NAMES[pick.nextInt(NAMES.length)].replace(" ", "+"));
            run("to-do views", client, username, clients, warmup, seconds, i -> switch (i % 4) {
                case 0 -> "/todo/today";
                case 1 -> "/todo/upcoming";
                case 2 -> "/todo/overdue";
                default -> "/todo/overdue?page=" + (1 + pick.nextInt(400));
            });

            // The same work without HTTP and rendering, one at a time: what the database (and the
            // expansion of repeating events) costs of each page.
            String touching = ((Query) Class.forName("dev.modulo.calendar.CalendarEvents")
                    .getMethod("findTouching", long.class, Instant.class, Instant.class, Instant.class)
                    .getAnnotation(Query.class)).value();
            CalendarService calendar = app.getBean(CalendarService.class);
            ContactService contacts = app.getBean(ContactService.class);
            TodoService todo = app.getBean(TodoService.class);
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            time("month query", 200, i -> {
                LocalDate month = LocalDate.of(2020, 1, 1).plusMonths(pick.nextInt(120));
                Instant from = month.atStartOfDay(berlin).toInstant();
                return db.sql(touching).bind("accountId", accountId).bind("earliest", from.minus(Duration.ofDays(40)))
                        .bind("from", from).bind("to", month.plusMonths(1).atStartOfDay(berlin).toInstant())
                        .fetch().all().count();
            });
            // Each after a change (the counter bumped, as every write does), so none is a kept view.
            DataVersions versions = app.getBean(DataVersions.class);
            time("month expanded", 100, i -> {
                LocalDate month = LocalDate.of(2020, 1, 1).plusMonths(pick.nextInt(120));
                return versions.bump(accountId, "calendar").then(calendar.view(accountId, month, month.plusMonths(1), berlin));
            });
            time("contact search", 200, i -> contacts.search(accountId, i % 4 == 3
                    ? String.format("%04d", pick.nextInt(10_000)) : NAMES[pick.nextInt(NAMES.length)]).count());
            time("overdue page", 200, i -> todo.overdue(accountId, 1 + pick.nextInt(400)));
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** Runs {@code work(i)} {@code times} times, one after another; prints p50 and p95. */
    private static void time(String what, int times, IntFunction<Mono<?>> work) {
        for (int i = 0; i < 10; i++) {
            work.apply(i).block();
        }
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Mono<?> next = work.apply(i);
            long begin = System.nanoTime();
            next.block();
            latencies.add(System.nanoTime() - begin);
        }
        Collections.sort(latencies);
        System.out.printf("  %-15s service only, %d in a row: p50 %.1f ms, p95 %.1f ms%n", what + ":", times,
                Bench.percentile(latencies, 50), Bench.percentile(latencies, 95));
    }

    /**
     * {@code clients} signed-in clients load {@code path(i)} for {@code warmup} seconds, so that the
     * code measured is compiled, then for {@code seconds}; prints p50 and p95 of the second run.
     */
    private static void run(String what, WebTestClient client, String username, int clients, int warmup,
            int seconds, IntFunction<String> path) throws Exception {
        load(client, username, clients, warmup, path);
        List<Long> latencies = load(client, username, clients, seconds, path);
        System.out.printf("  %-15s %d clients for %d s after %d s of warm-up: %d pages, p50 %.1f ms, p95 %.1f ms,"
                        + " max %.1f ms%n", what + ":", clients, seconds, warmup, latencies.size(),
                Bench.percentile(latencies, 50), Bench.percentile(latencies, 95),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6);
    }

    /** Each page's time, sorted. */
    private static List<Long> load(WebTestClient client, String username, int clients, int seconds,
            IntFunction<String> path) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = c;
            work.add(pool.submit(() -> {
                TestBrowser browser = new TestBrowser(client);
                browser.logIn(username, PASSWORD);
                for (int i = first; System.nanoTime() < end; i += clients) {
                    String url;
                    synchronized (path) {
                        url = path.apply(i);
                    }
                    long begin = System.nanoTime();
                    TestBrowser.Page page = browser.get(url);
                    latencies.add(System.nanoTime() - begin);
                    if (page.status() != 200) {
                        throw new IllegalStateException(url + " answered " + page.status());
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }

    private static boolean isPostgres(ConfigurableApplicationContext app) {
        return String.valueOf(app.getEnvironment().getProperty("spring.r2dbc.url")).startsWith("r2dbc:postgresql");
    }
}
