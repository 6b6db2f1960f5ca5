package dev.modulo.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.modulo.images.TestImages;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.RawHttp;
import dev.modulo.testing.RawHttp.Response;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalogue of hostile input sent to every kind of route, as a signed-in person and as a
 * visitor: ids that are not ids, query parameters out of range, form fields of every wrong shape,
 * multipart bodies with odd boundaries or too many parts, bodies and addresses over the limits,
 * broken encodings and headers, return addresses that lead off the site. Every answer must be a
 * 4xx (or a normal answer where the input is simply ignored), never a 5xx; its body a readable
 * page in the layout (or a plain reason), never empty and never a stack trace; and no ERROR may be
 * logged, because a sender's mistake is not Modulo's fault.
 */
@ModuloIntegrationTest
class HostileInputTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TASK_ID = Pattern.compile("data-task-id=\"(\\d+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("href=\"/calendar/events/(\\d+)");
    private static final Pattern IMAGE_ID = Pattern.compile("href=\"/images/(\\d+)\"");
    private static final Pattern LAST_NUMBER = Pattern.compile(".*/(\\d+)(?:/edit)?(?:\\?.*)?");

    /** Values no form or address of Modulo would send. */
    private static final List<String> HOSTILE = List.of("", "abc", "-1", "0", "99999999999999999999", "1e309",
            "2026-13-45", "+99999-01-01", "\u0000", "line\r\nX-Injected: yes", "a".repeat(10_000),
            "<script>alert(1)</script>", "../../etc/passwd", "%", "\uD83D\uDE00\u202E", "{x}");

    private static final List<String> FIELDS = List.of("title", "name", "tags", "return", "password", "direction",
            "line", "ends", "website", "username", "token", "timeZone", "planId", "phoneRegion", "notes", "imageId",
            "favourite", "email", "description", "commentsEnabled", "action", "zone", "weekdays", "url", "until",
            "text", "tag", "slug", "senders", "repeats", "repeat", "publishAt", "publish", "priority", "parentId",
            "newPassword", "location", "listId", "interval", "id", "ids", "from", "dueTime", "dueDate", "displayName",
            "currentPassword", "count", "confirm", "colour", "caption", "bodyMarkdown", "birthday", "anniversary",
            "allDay", "albumId", "startDate", "startTime", "endDate", "endTime", "scope", "emailValue", "emailType",
            "phoneValue", "phoneType", "urlValue", "addressStreet", "addressCountry", "givenName", "familyName");

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> problems = new ArrayList<>();
    private Fixture me;

    /** One person with one of everything, and what a raw request needs to act as them. */
    record Fixture(TestBrowser browser, String username, String cookies, String csrf, long list, long task,
            long event, long contact, long image, long album, long post, String postPath) {
    }

    @BeforeEach
    void listenToTheLog() {
        logs.list.clear();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void idsInThePathThatAreNotIdsFindNothing() {
        Fixture me = fixture();
        List<String> routes = List.of("/images/{id}", "/images/{id}/delete", "/images/{id}/original",
                "/images/{id}/thumbnail/320", "/images/1/thumbnail/{id}", "/images/albums/{id}", "/blog/{id}/edit",
                "/blog/{id}/delete", "/blog/email/held/{id}", "/contacts/{id}", "/contacts/{id}/edit",
                "/contacts/{id}/export", "/contacts/{id}/photo", "/calendar/events/{id}", "/calendar/events/{id}/edit",
                "/calendar/events/{id}/delete", "/todo/lists/{id}", "/todo/lists/{id}/export.ics",
                "/todo/lists/{id}/delete", "/todo/tasks/{id}", "/todo/tasks/{id}/delete",
                "/shared/albums/x/{id}", "/shared/albums/x/1/thumbnail/{id}", "/@" + me.username() + "/{id}/1/x");
        for (String route : routes) {
            for (String id : List.of("abc", "-1", "0", "99999999999999999999", "1.5", "%00", "%0d%0a", "%25", "NaN")) {
                String target = route.replace("{id}", id);
                expectClientFault("GET " + target, get(me, target));
            }
        }
        assertNoProblems();
    }

    @Test
    void queryParametersOutOfRangeAreA400ThatSaysWhy() {
        Fixture me = fixture();
        for (String route : List.of("/images", "/blog", "/@" + me.username(), "/@" + me.username() + "/tags/x")) {
            for (String page : List.of("abc", "-1", "0", "99999999999999999999", "2147483647", "1.5", "%00", "1x",
                    "100001")) {
                Response answer = get(me, route + "?page=" + page);
                expectClientFault("GET " + route + "?page=" + page, answer);
                if (answer.status() == 400) {
                    expectBody("GET " + route + "?page=" + page, answer, "The page number in the address must be");
                }
            }
            expectClientFault("GET " + route + "?page=999 (past the last page)", get(me, route + "?page=999"));
        }
        for (String route : List.of("/calendar/month", "/calendar/week", "/calendar/agenda", "/calendar/events/new")) {
            for (String date : List.of("2026-13", "2026-13-01", "2026-02-30", "abc", "99999-01-01", "%2B99999-01-01",
                    "0000-01-01", "-0001-01-01", "%00", "2026-01-01x")) {
                Response answer = get(me, route + "?date=" + date);
                assertThat(answer.status()).as("%s?date=%s: %s", route, date, answer.body()).isEqualTo(400);
                expectBody(route + "?date=" + date, answer, "The date in the address must be");
            }
        }
        assertNoProblems();
    }

    @Test
    void queryParametersOfEveryShapeNeverBreakAPage() {
        Fixture me = fixture();
        List<String> routes = List.of("/", "/dashboard", "/login", "/signup", "/account", "/images", "/images/" + me.image(),
                "/images/albums/" + me.album(), "/blog", "/blog/new", "/blog/" + me.post() + "/edit", "/blog/comments",
                "/blog/settings", "/blog/email", "/blog/email/held", "/contacts", "/contacts/new", "/contacts/import",
                "/contacts/export", "/contacts/duplicates", "/contacts/" + me.contact(), "/calendar/month",
                "/calendar/events/" + me.event(), "/calendar/events/" + me.event() + "/edit", "/calendar/import",
                "/calendar/subscribe", "/todo/today", "/todo/lists/" + me.list(), "/todo/tasks/" + me.task(),
                "/verify-email", "/reset-password", "/forgot-password", "/@" + me.username(), me.postPath(),
                "/@" + me.username() + "/feed.atom");
        List<String> parameters = List.of("q", "letter", "version", "tag", "status", "changed", "plan", "token", "done",
                "at", "time", "from", "saved", "deleted", "merged", "welcome", "error", "logout", "commented");
        for (String route : routes) {
            for (String value : List.of("abc", "-1", "99999999999999999999", "%00", "%0d%0aX:%20y", "%", "%zz",
                    "a".repeat(150), "%F0%9F%98%80%E2%80%AE", "%C0%AF")) {
                StringBuilder query = new StringBuilder();
                parameters.forEach(name -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value));
                String target = route + query;
                expectNoFault("GET " + route + " with every parameter " + abbreviate(value), get(me, target));
            }
        }
        assertNoProblems();
    }

    @Test
    void formsWithFieldsOfEveryWrongShapeNeverBreak() {
        Fixture me = fixture();
        List<String> routes = new ArrayList<>(List.of("/images/" + me.image(), "/images/" + me.image() + "/albums",
                "/images/albums", "/images/albums/" + me.album() + "/rename", "/images/albums/" + me.album() + "/cover",
                "/images/albums/" + me.album() + "/remove", "/blog", "/blog/" + me.post(), "/blog/preview",
                "/blog/settings", "/blog/email/senders", "/blog/comments/1/approve", "/blog/comments/1/reject",
                me.postPath() + "/comments", "/contacts/new", "/contacts/" + me.contact() + "/edit",
                "/contacts/" + me.contact() + "/favourite", "/contacts/merge", "/calendar/events",
                "/calendar/events/" + me.event(), "/todo/today", "/todo/lists", "/todo/lists/" + me.list() + "/tasks",
                "/todo/lists/" + me.list() + "/rename", "/todo/lists/" + me.list() + "/move",
                "/todo/lists/" + me.list() + "/order", "/todo/tasks/" + me.task(), "/todo/tasks/" + me.task() + "/toggle",
                "/todo/tasks/" + me.task() + "/move", "/account/plan", "/account/preferences", "/account/password",
                "/account/delete", "/forgot-password", "/reset-password", "/verify-email", "/signup", "/login"));
        // Last, on things of their own: the fixture's task and event stay for the other tests.
        routes.add("/calendar/events/" + newEvent(me) + "/delete");
        routes.add("/todo/tasks/" + newTask(me, "Throwaway") + "/delete");
        for (String route : routes) {
            for (String value : HOSTILE) {
                StringBuilder form = new StringBuilder();
                FIELDS.forEach(name -> form.append(form.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
                Response answer = send(me, "POST", route, List.of("Content-Type: application/x-www-form-urlencoded"),
                        form.toString().getBytes(StandardCharsets.UTF_8));
                expectNoFault("POST " + route + " with every field " + abbreviate(value), answer);
            }
        }
        assertNoProblems();
    }

    @Test
    void multipartBodiesWithOddBoundariesOrTooManyPartsAreA4xx() {
        Fixture me = fixture();
        List<String> routes = List.of("/images", "/calendar/import", "/contacts/import",
                "/todo/lists/" + me.list() + "/import", "/contacts/" + me.contact() + "/photo");
        List<String> boundaries = List.of("", "\"\"", "x".repeat(200), "a b", "\"weird;boundary\"", "=", "--", "é",
                "\"unterminated", "b; boundary=c", "\u0000");
        for (String route : routes) {
            for (String boundary : boundaries) {
                String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.ics\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\nBEGIN:VCALENDAR\r\n\r\n--" + boundary + "--\r\n";
                Response answer = send(me, "POST", route,
                        List.of("Content-Type: multipart/form-data; boundary=" + boundary),
                        body.getBytes(StandardCharsets.UTF_8));
                expectClientFault("POST " + route + " with boundary [" + abbreviate(boundary) + "]", answer);
            }
            Response noBoundary = send(me, "POST", route, List.of("Content-Type: multipart/form-data"),
                    "--x\r\n\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8));
            expectClientFault("POST " + route + " without a boundary", noBoundary);
            Response truncated = send(me, "POST", route, List.of("Content-Type: multipart/form-data; boundary=b"),
                    "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nabc".getBytes(StandardCharsets.UTF_8));
            expectClientFault("POST " + route + " cut off in a part", truncated);

            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                many.append("--b\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\nv\r\n");
            }
            many.append("--b--\r\n");
            Response tooMany = send(me, "POST", route, List.of("Content-Type: multipart/form-data; boundary=b"),
                    many.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(tooMany.status()).as("POST %s with 100 parts: %s", route, tooMany.body()).isEqualTo(413);
            expectBody("POST " + route + " with 100 parts", tooMany, "The form has more parts than Modulo accepts");
        }
        assertNoProblems();
    }

    @Test
    void bodiesOverTheLimitAre413WithoutAnErrorInTheLog() {
        Fixture me = fixture();
        String huge = "a".repeat(5_000_000);
        for (String route : List.of("/blog", "/contacts/new", "/todo/lists", "/login", "/signup")) {
            Page answer = me.browser().post(route, Map.of("title", "x", "bodyMarkdown", huge));
            assertThat(answer.status()).as("POST %s with 5 MB", route).isEqualTo(413);
            assertThat(answer.body()).as("POST %s with 5 MB", route).contains("What you sent is larger than Modulo accepts.");
            expectNoFault("POST " + route + " with 5 MB", new Response(answer.status(), Map.of("content-type",
                    String.valueOf(answer.headers().getContentType())), answer.body()));
        }
        Page visitor = new TestBrowser(client).post("/signup", Map.of("username", "a".repeat(5_000_000)));
        assertThat(visitor.status()).isEqualTo(413);
        assertNoProblems();
    }

    @Test
    void anOverlongAddressOrHeaderGetsAPageThatSaysSo() {
        Fixture me = fixture();
        Response longAddress = send(me, "GET", "/calendar/month?date=" + "a".repeat(10_000), List.of(), new byte[0]);
        assertThat(longAddress.status()).isEqualTo(414);
        expectBody("a 10,000-character address", longAddress, "The address is too long");

        Response longHeader = send(me, "GET", "/calendar", List.of("X-Padding: " + "a".repeat(20_000)), new byte[0]);
        assertThat(longHeader.status()).isEqualTo(431);
        expectBody("a 20,000-character header", longHeader, "headers are too large");

        Response brokenLine = new RawHttp(port).send("GET", "/ x y", List.of(), new byte[0]);
        expectClientFault("a request line with spaces", brokenLine);

        Response normalAfterwards = get(me, "/calendar/month");
        assertThat(normalAfterwards.status()).isEqualTo(200);
        assertNoProblems();
    }

    @Test
    void brokenEncodingsAndHeadersAreA4xxOrIgnored() {
        Fixture me = fixture();
        for (String target : List.of("/contacts/%zz", "/%", "/contacts?q=%", "/images?page=%", "/%00", "/todo/%2e%2e/%2e%2e/",
                "/images/..%2f..%2fetc", "/@%00", "/@" + me.username() + "/tags/%ff%fe")) {
            expectNoFault("GET " + target, get(me, target));
        }
        String form = "title=x";
        for (String contentType : List.of("Content-Type: ;;;", "Content-Type: text/plain; charset=nope",
                "Content-Type: application/x-www-form-urlencoded; charset=nope", "Content-Type: /",
                "Content-Type: multipart/form-data; boundary=\"", "Content-Type: application/json")) {
            Response answer = send(me, "POST", "/todo/lists", List.of(contentType), form.getBytes(StandardCharsets.UTF_8));
            expectNoFault("POST /todo/lists with " + contentType, answer);
        }
        for (String header : List.of("Accept: ;;;", "Accept: text/html;q=abc", "Accept-Language: ;;;",
                "Cookie: SESSION=%%%; XSRF-TOKEN=\u0001", "If-None-Match: \"", "If-Modified-Since: yesterday",
                "Range: bytes=abc", "Range: bytes=999999999999999999999-", "Accept-Encoding: gzip;q=x",
                "X-Forwarded-For: ;;;", "Forwarded: for=\"")) {
            for (String target : List.of("/images/" + me.image() + "/original", "/calendar/month",
                    "/@" + me.username() + "/feed.atom", "/")) {
                expectNoFault("GET " + target + " with " + header, send(me, "GET", target, List.of(header), new byte[0]));
            }
        }
        expectClientFault("an unknown method", send(me, "BREW", "/todo/today", List.of(), new byte[0]));
        assertNoProblems();
    }

    @Test
    void returnAddressesOnlyLeadToModulosOwnPages() {
        Fixture me = fixture();
        long task = newTask(me, "Water the ferns");
        for (String action : List.of("/toggle", "/move")) {
            String route = "/todo/tasks/" + task + action;
            for (String away : List.of("/todo/x\r\nSet-Cookie: a=b", "/todo/x\r\n", "/todo/x\u0000", "//evil.example/todo/",
                    "/\\evil.example", "https://evil.example/todo/", "javascript:alert(1)", "todo/x", "/todo/ x",
                    "/todo/{x}", "/todo/%zz", "\t/todo/x", "/todo/x\u2028")) {
                Response answer = postForm(me, route, Map.of("return", away, "direction", "up"));
                assertThat(answer.status()).as("%s with return=%s: %s", route, away, answer.body()).isEqualTo(400);
                expectBody(route + " return=" + abbreviate(away), answer, "The address to return to is not a page of Modulo");
                assertThat(answer.headers()).doesNotContainKey("location").doesNotContainKey("x-injected");
            }
            assertThat(location(postForm(me, route, Map.of("return", "/todo/upcoming")))).endsWith("/todo/upcoming");
            assertThat(location(postForm(me, route, Map.of("return", "/account"))))
                    .as("a page outside the to-do list is not a place to go back to").endsWith("/todo/lists/" + me.list());
            assertThat(location(postForm(me, route, Map.of()))).endsWith("/todo/lists/" + me.list());
            assertThat(location(postForm(me, route, Map.of("return", " ")))).endsWith("/todo/lists/" + me.list());
        }
        // Four accepted toggles and none of the refused ones: the task is open again.
        assertThat(me.browser().get("/todo/lists/" + me.list()).body())
                .as("the refused requests changed nothing").contains("aria-label=\"Mark Water the ferns as done\"");
        assertNoProblems();
    }

    @Test
    void aPageSavedBeforeLoginIsOnlyFollowedWhenItIsModulos() {
        Fixture me = fixture();
        for (String saved : List.of("//evil.example/x", "/\\evil.example/x", "https://evil.example/", "/x\r\nA: b",
                "%%%", "/todo/today")) {
            TestBrowser visitor = new TestBrowser(client);
            visitor.get("/login");
            String cookie = Base64.getEncoder().encodeToString(saved.getBytes(StandardCharsets.UTF_8));
            Response login = new RawHttp(port).send("POST", "/login", List.of("Accept: text/html",
                            "Cookie: XSRF-TOKEN=" + visitor.cookie("XSRF-TOKEN") + "; REDIRECT_URI=" + cookie,
                            "Content-Type: application/x-www-form-urlencoded"),
                    ("username=" + me.username() + "&password=" + URLEncoder.encode("a long and unusual passphrase",
                            StandardCharsets.UTF_8) + "&_csrf=" + csrfOf(visitor.get("/login").body()))
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(login.status()).as("login with saved page %s: %s", saved, login.body()).isEqualTo(302);
            assertThat(login.headers().get("location")).as(saved)
                    .isEqualTo(saved.equals("/todo/today") ? "/todo/today" : "/dashboard");
        }
        assertNoProblems();
    }

    // Checks

    private void expectClientFault(String what, Response answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            problems.add(what + " answered " + answer.status() + ", not a 4xx");
        }
        expectNoFault(what, answer);
    }

    /** Any status but 5xx; a readable body; nothing logged at ERROR. */
    private void expectNoFault(String what, Response answer) {
        if (answer.status() >= 500) {
            problems.add(what + " answered " + answer.status());
        }
        String type = String.valueOf(answer.headers().get("content-type"));
        // A redirect, 204, an empty download (no contacts with that tag) or preview (nothing to preview) may be empty.
        boolean emptyByDesign = answer.status() >= 300 && answer.status() < 400 || answer.status() == 204
                || answer.status() == 200 && (what.contains("/contacts/export") || what.contains("/blog/preview"));
        if (!emptyByDesign && answer.body().isBlank()) {
            problems.add(what + " answered " + answer.status() + " with an empty body");
        }
        if (answer.status() >= 400 && type.startsWith("text/html") && !answer.body().contains("Modulo")) {
            problems.add(what + " answered " + answer.status() + " with a page outside the layout");
        }
        for (String leak : List.of("Exception", "\tat ", "at dev.modulo", "Whitelabel", "\"trace\"")) {
            if (answer.body().contains(leak) && !type.startsWith("text/calendar") && !type.startsWith("text/vcard")) {
                problems.add(what + " answered with internals (" + leak.strip() + ")");
            }
        }
        List<ILoggingEvent> errors = logs.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        if (!errors.isEmpty()) {
            errors.forEach(event -> problems.add(what + " logged ERROR " + event.getLoggerName() + ": "
                    + event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : " (" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage() + ")")));
            logs.list.clear();
        }
    }

    private static String location(Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(303);
        return answer.headers().get("location");
    }

    private void expectBody(String what, Response answer, String text) {
        if (!answer.body().contains(text)) {
            problems.add(what + " did not say “" + text + "”: " + abbreviate(answer.body()));
        }
    }

    private void assertNoProblems() {
        assertThat(problems).as("answers that were not a clean client fault").isEmpty();
    }

    // Requests

    private Response get(Fixture me, String target) {
        return send(me, "GET", target, List.of(), new byte[0]);
    }

    private Response postForm(Fixture me, String route, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(me, "POST", route, List.of("Content-Type: application/x-www-form-urlencoded"),
                form.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** As the fixture's person in a browser: their cookies, their CSRF token in the header, HTML preferred. */
    private Response send(Fixture me, String method, String target, List<String> headers, byte[] body) {
        List<String> all = new ArrayList<>(List.of("Accept: text/html,application/xhtml+xml,*/*;q=0.8",
                "Cookie: " + me.cookies(), "X-CSRF-TOKEN: " + me.csrf()));
        headers.forEach(header -> {
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).toLowerCase(java.util.Locale.ROOT);
            all.removeIf(existing -> existing.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"));
            all.add(header);
        });
        return new RawHttp(port).send(method, target, all, body);
    }

    // The fixture: made once per test class, since every test only reads it or fails to change it.

    private static Fixture shared;

    private Fixture fixture() {
        if (me == null) {
            me = shared != null ? shared : (shared = makeFixture());
        }
        return me;
    }

    private Fixture makeFixture() {
        String username = TestBrowser.uniqueName("hostile");
        TestBrowser browser = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        long list = lastNumber(browser.post("/todo/lists", Map.of("name", "Chores")).location());
        browser.post("/todo/lists/" + list + "/tasks", Map.of("line", "Water the plants"));
        long task = firstMatch(TASK_ID, browser.get("/todo/lists/" + list).body());
        String month = browser.post("/calendar/events", Map.ofEntries(Map.entry("title", "Dentist"),
                Map.entry("startDate", "2026-10-14"), Map.entry("startTime", "09:00"), Map.entry("endDate", "2026-10-14"),
                Map.entry("endTime", "10:00"), Map.entry("zone", "Europe/Berlin"), Map.entry("repeat", "weekly"),
                Map.entry("interval", "1"), Map.entry("weekdays", "WE"), Map.entry("ends", "never"),
                Map.entry("colour", "blue"))).location();
        long event = firstMatch(EVENT_ID, browser.get(month).body());
        long contact = lastNumber(browser.post("/contacts/new", Map.of("displayName", "Ada Lovelace",
                "givenName", "Ada", "familyName", "Lovelace")).location());
        Page uploaded = browser.upload("/images", Map.of("picture.jpg", TestImages.jpeg(64, 48, 7)), false);
        long image = firstMatch(IMAGE_ID, uploaded.body());
        long album = lastNumber(browser.post("/images/albums", Map.of("name", "Holidays")).location());
        long post = lastNumber(browser.post("/blog", Map.of("title", "Hello world", "bodyMarkdown", "First *post*.",
                "tags", "x", "publish", "now", "action", "save", "commentsEnabled", "on")).location());
        Matcher path = Pattern.compile("href=\"(/@" + username + "/\\d{4}/\\d{2}/hello-world)\"")
                .matcher(browser.get("/@" + username).body());
        assertThat(path.find()).as("the post's public address").isTrue();
        String cookies = "SESSION=" + browser.cookie("SESSION") + "; XSRF-TOKEN=" + browser.cookie("XSRF-TOKEN");
        String csrf = csrfOf(browser.get("/todo/today").body());
        return new Fixture(browser, username, cookies, csrf, list, task, event, contact, image, album, post, path.group(1));
    }

    /** A new task in the fixture's list. */
    private long newTask(Fixture me, String title) {
        me.browser().post("/todo/lists/" + me.list() + "/tasks", Map.of("line", title));
        return firstMatch(Pattern.compile("href=\"/todo/tasks/(\\d+)\">" + Pattern.quote(title) + "</a>"),
                me.browser().get("/todo/lists/" + me.list()).body());
    }

    private long newEvent(Fixture me) {
        String month = me.browser().post("/calendar/events", Map.of("title", "Throwaway", "startDate", "2027-02-03",
                "startTime", "09:00", "endDate", "2027-02-03", "endTime", "10:00", "zone", "Europe/Berlin")).location();
        return firstMatch(Pattern.compile("href=\"/calendar/events/(\\d+)[^\"]*\"[^>]*>(?:(?!</a>)[\\s\\S])*?Throwaway"),
                me.browser().get(month).body());
    }

    private long lastNumber(String location) {
        Matcher number = LAST_NUMBER.matcher(String.valueOf(location));
        assertThat(number.matches()).as("an id at the end of %s", location).isTrue();
        return Long.parseLong(number.group(1));
    }

    private static long firstMatch(Pattern pattern, String body) {
        Matcher match = pattern.matcher(body);
        assertThat(match.find()).as("%s in %s", pattern, abbreviate(body)).isTrue();
        return Long.parseLong(match.group(1));
    }

    private static String csrfOf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token").isTrue();
        return token.group(1);
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 79) + "…(" + text.length() + ")";
    }
}
