package dev.modulo.calendar.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.calendar.CalendarService;
import dev.modulo.calendar.ImportReport;
import dev.modulo.testing.Interleaving;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tabs, or five imports, at once: the same file imported five times in parallel stores each
 * event once; deleting one occurrence while the series is saved elsewhere keeps both changes; a
 * stale editor's save is answered 409.
 */
@ModuloIntegrationTest
class CalendarConcurrencyTest {

    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    CalendarService calendar;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionFactory database;

    @Autowired
    DatabaseClient db;

    String username;

    TestBrowser signUp() {
        username = TestBrowser.uniqueName("cal");
        return new TestBrowser(client)
                .signUp(username, TwoAccounts.PASSWORD, "basic");
    }

    long accountId() {
        return accounts.findByUsername(username).block().id();
    }

    /** Each stored row of the account as "uid recurrence-key". */
    List<String> rows(long accountId) {
        return db.sql("SELECT uid, recurrence_key FROM calendar_event WHERE account_id = :account ORDER BY uid, recurrence_key")
                .bind("account", accountId)
                .map(row -> row.get("uid", String.class) + " " + row.get("recurrence_key", String.class))
                .all()
                .collectList()
                .block();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = CalendarConcurrencyTest.class.getResourceAsStream("/calendar/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void fiveImportsOfOneFileAtOnceStoreEachEventOnce() throws IOException {
        byte[] file = resource("google.ics");
        signUp();
        long once = accountId();
        calendar.importCalendar(once, file).block();
        List<String> expected = rows(once);
        assertThat(expected).as("the series, its changed instance and the single events").hasSizeGreaterThan(3);

        signUp();
        long fiveTimes = accountId();
        List<ImportReport> reports = Flux.merge(Flux.range(0, 5).map(i -> calendar.importCalendar(fiveTimes, file)))
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(reports).hasSize(5).allSatisfy(report -> assertThat(report.total()).isEqualTo(reports.get(0).total()));
        assertThat(rows(fiveTimes)).containsExactlyElementsOf(expected);

        // And once more, one after the other: replaced, not added.
        ImportReport again = calendar.importCalendar(fiveTimes, file).block();
        assertThat(again.added()).isZero();
        assertThat(rows(fiveTimes)).containsExactlyElementsOf(expected);
    }

    @Test
    void deletingOneOccurrenceWhileAnotherTabSavesTheSeriesKeepsBoth() {
        TestBrowser me = signUp();
        long series = CalendarPagesTest.createWeeklyMeeting(me);
        String fourth = "20261104T080000Z";

        Page deleted = Interleaving.saveAWhile(database,
                "UPDATE calendar_event SET location = 'Room 7' WHERE id = " + series,
                () -> me.post("/calendar/events/" + series + "/delete?at=" + fourth, Map.of("scope", "this")));

        assertThat(deleted.status()).isEqualTo(303);
        assertThat(me.get("/calendar/events/" + series + "?at=20261021T070000Z").body()).contains("Room 7");
        assertThat(CalendarPagesTest.chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-04")).isEmpty();
        assertThat(me.get("/calendar/events/" + series + "?at=" + fourth).status()).isEqualTo(404);
    }

    @Test
    void deletingTheSameOccurrenceFromTwoTabsExcludesItOnce() {
        TestBrowser me = signUp();
        long series = CalendarPagesTest.createWeeklyMeeting(me);
        String fourth = "20261104T080000Z";

        List<Page> answers = me.postAtOnce("/calendar/events/" + series + "/delete?at=" + fourth,
                List.of(Map.of("scope", "this"), Map.of("scope", "this")));

        assertThat(answers).extracting(Page::status).allMatch(status -> status == 303 || status == 404);
        String exdates = db.sql("SELECT exdates FROM calendar_event WHERE id = :id").bind("id", series)
                .map(row -> row.get("exdates", String.class)).one().block();
        assertThat(exdates).isEqualTo(fourth);
    }

    @Test
    void aStaleEditorSaveIsAnswered409WithWhatWasTyped() {
        TestBrowser me = signUp();
        long series = CalendarPagesTest.createWeeklyMeeting(me);
        String eleventh = "20261111T080000Z";
        String path = "/calendar/events/" + series + "?at=" + eleventh;
        String tabA = version(me.get("/calendar/events/" + series + "/edit?at=" + eleventh));
        String tabB = version(me.get("/calendar/events/" + series + "/edit?at=" + eleventh));

        assertThat(me.post(path, edit("Planning (all hands)", "all", tabA)).status()).isEqualTo(303);
        Page stale = me.post(path, edit("Planning (cancelled?)", "all", tabB));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("This was changed elsewhere — reload and try again.",
                "value=\"Planning (cancelled?)\"");
        assertThat(me.get(path).body()).contains("Planning (all hands)").doesNotContain("cancelled?");

        assertThat(me.post(path, edit("Planning (cancelled?)", "all", version(stale))).status()).isEqualTo(303);
        assertThat(me.get(path).body()).contains("Planning (cancelled?)");
    }

    @Test
    void twoTabsChangingOneOccurrenceAtOnceMakeOneOverride() {
        TestBrowser me = signUp();
        long series = CalendarPagesTest.createWeeklyMeeting(me);
        String eleventh = "20261111T080000Z";

        List<Page> answers = me.postAtOnce("/calendar/events/" + series + "?at=" + eleventh,
                List.of(edit("Planning (tab A)", "this", ""), edit("Planning (tab B)", "this", "")));

        assertThat(answers).extracting(Page::status).allMatch(status -> status == 303 || status == 409)
                .contains(303);
        assertThat(rows(accountId())).filteredOn(row -> row.endsWith(" " + eleventh)).hasSize(1);
    }

    static Map<String, String> edit(String title, String scope, String version) {
        return Map.ofEntries(Map.entry("scope", scope), Map.entry("title", title),
                Map.entry("startDate", "2026-11-11"), Map.entry("startTime", "09:00"),
                Map.entry("endDate", "2026-11-11"), Map.entry("endTime", "10:00"), Map.entry("zone", "Europe/Berlin"),
                Map.entry("colour", "purple"), Map.entry("repeat", "weekly"), Map.entry("interval", "1"),
                Map.entry("weekdays", "WE"), Map.entry("ends", "count"), Map.entry("count", "10"),
                Map.entry("version", version));
    }

    static String version(Page page) {
        Matcher version = VERSION.matcher(page.body());
        assertThat(version.find()).as("a version field in %s", page.body()).isTrue();
        return version.group(1);
    }
}
