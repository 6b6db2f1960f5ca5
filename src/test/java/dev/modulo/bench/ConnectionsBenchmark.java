package dev.modulo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.TestBrowser;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Many people at once: hundreds of connections on a mix of public and signed-in pages, minute after
 * minute. Every answer must come (no 5xx, no timeout, no broken connection), and the server's heap
 * (after a full collection) and resident memory must stay flat from one minute to the next.
 * Modulo runs in a JVM of its own ({@link ModuloProcess}).
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Connections</pre>
 *
 * Settings: {@code bench.connections} (500), {@code bench.minutes} (2), {@code bench.people} (10 signed in),
 * {@code bench.jvmArgs} (for the server JVM).
 */
public final class ConnectionsBenchmark {

    private static final Pattern POST_LINK = Pattern.compile("href=\"(/@[^\"/]+/\\d{4}/\\d{2}/[^\"]+)\"");
    private static final String PASSWORD = "five hundred at once, please";
    private static final List<String> SIGNED_IN_PAGES = List.of("/dashboard", "/blog", "/images", "/contacts",
            "/calendar/month", "/todo/today", "/account");

    private ConnectionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.getInteger("bench.connections", 500);
        int minutes = Integer.getInteger("bench.minutes", 2);
        int people = Integer.getInteger("bench.people", 10);
        try (ModuloProcess modulo = ModuloProcess.start("--modulo.web.logins-per-minute=100000",
                "--modulo.accounts.signups-per-hour=100000")) {
            WebTestClient client = Bench.client(modulo.baseUrl());
            String blogger = TestBrowser.uniqueName("blogger");
            TestBrowser owner = new TestBrowser(client).signUp(blogger, PASSWORD, "basic");
            Blogs.withPosts(owner, 20);
            List<String> publicPages = new ArrayList<>(List.of("/", "/@" + blogger, "/@" + blogger + "/feed.atom",
                    "/@" + blogger + "/tags/birds", "/css/modulo.css"));
            Matcher post = POST_LINK.matcher(new TestBrowser(client).get("/@" + blogger).body());
            for (int i = 0; i < 5 && post.find(); i++) {
                publicPages.add(post.group(1));
            }
            List<String> cookies = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                TestBrowser person = new TestBrowser(client).signUp(TestBrowser.uniqueName("person"), PASSWORD, "basic");
                cookies.add("SESSION=" + person.cookie("SESSION"));
            }
            double startRss = modulo.rssMegabytes();

            System.out.println();
            System.out.println("Modulo connections benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, loopback, server in its own JVM)");
            System.out.printf("  %d connections, half on %d public pages, half on %d signed-in pages of %d people%n",
                    connections, publicPages.size(), SIGNED_IN_PAGES.size(), people);
            System.out.printf("  after start and setup: RSS %.0f MB%n", startRss);
            long failures = 0;
            for (int minute = 1; minute <= minutes; minute++) {
                HttpLoad.Result result = HttpLoad.run(modulo.baseUrl(), connections, Duration.ofMinutes(1),
                        Duration.ofSeconds(30), n -> n % 2 == 0
                                ? HttpLoad.Request.visitor(publicPages.get((int) (n / 2 % publicPages.size())))
                                : new HttpLoad.Request(SIGNED_IN_PAGES.get((int) (n / 2 % SIGNED_IN_PAGES.size())),
                                        cookies.get((int) (n / 2 % cookies.size()))));
                failures += result.failures();
                System.out.printf("  minute %d: %s%n", minute, result.summary());
                System.out.printf("            RSS %.0f MB, heap after a full GC %.0f MB%n", modulo.rssMegabytes(),
                        modulo.heapAfterGcMegabytes());
            }
            System.out.printf("  failures (5xx, timeouts, broken connections): %d; server log: %d ERROR lines%n",
                    failures, modulo.logLines(" ERROR ").size());
        }
    }
}
