package dev.modulo.calendar;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.bench.BigAccountSeed;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription feed's version comes from the database before anything is written: a calendar
 * app's poll that finds nothing new is a 304 that writes no feed, and the ETag changes exactly when
 * an event is added, changed or deleted. Exports are written a batch at a time.
 */
@ModuloIntegrationTest
class CalendarFeedTest {

    @Autowired
    WebTestClient client;

    @Autowired
    CalendarService calendar;

    @Autowired
    CalendarExports exports;

    @Autowired
    AccountService accounts;

    @Autowired
    DatabaseClient db;

    @Test
    void aPollThatFindsNothingNewIsA304ThatWritesNothingAndTheEtagFollowsEveryChange() {
        String username = TestBrowser.uniqueName("feed");
        TestBrowser me = new TestBrowser(client).signUp(username, TwoAccounts.PASSWORD, "basic");
        long accountId = accounts.findByUsername(username).block().id();
        create(me, "Dentist", "2026-10-14");
        long dentist = eventIds(me, "2026-10-14").get(0);
        String path = "/calendar/feed/" + calendar.feedToken(accountId).block() + ".ics";
        TestBrowser calendarApp = new TestBrowser(client);

        EntityExchangeResult<byte[]> first = calendarApp.getBytes(path, new HttpHeaders());
        assertThat(first.getStatus().value()).isEqualTo(200);
        String etag = first.getResponseHeaders().getETag();
        assertThat(text(first)).contains("SUMMARY:Dentist");

        long written = exports.rendered();
        for (int poll = 0; poll < 3; poll++) {
            EntityExchangeResult<byte[]> unchanged = calendarApp.getBytes(path, ifNoneMatch(etag));
            assertThat(unchanged.getStatus().value()).isEqualTo(304);
            assertThat(unchanged.getResponseHeaders().getETag()).isEqualTo(etag);
        }
        assertThat(exports.rendered()).as("a 304 writes no feed").isEqualTo(written);

        Page edited = me.post("/calendar/events/" + dentist, Map.of("title", "Dentist (moved)", "startDate",
                "2026-10-15", "startTime", "09:00", "endDate", "2026-10-15", "endTime", "10:00", "zone",
                "Europe/Berlin", "colour", "blue"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(303);
        EntityExchangeResult<byte[]> afterEdit = calendarApp.getBytes(path, ifNoneMatch(etag));
        assertThat(afterEdit.getStatus().value()).as("changed").isEqualTo(200);
        assertThat(text(afterEdit)).contains("SUMMARY:Dentist (moved)");
        String edit = afterEdit.getResponseHeaders().getETag();
        assertThat(edit).isNotEqualTo(etag);
        assertThat(calendarApp.getBytes(path, ifNoneMatch(edit)).getStatus().value()).isEqualTo(304);

        create(me, "Lunch", "2026-10-20");
        EntityExchangeResult<byte[]> afterAdd = calendarApp.getBytes(path, ifNoneMatch(edit));
        assertThat(afterAdd.getStatus().value()).as("added").isEqualTo(200);
        String add = afterAdd.getResponseHeaders().getETag();
        assertThat(add).isNotIn(etag, edit);

        assertThat(me.post("/calendar/events/" + dentist + "/delete", Map.of("scope", "all")).status()).isEqualTo(303);
        EntityExchangeResult<byte[]> afterDelete = calendarApp.getBytes(path, ifNoneMatch(add));
        assertThat(afterDelete.getStatus().value()).as("deleted").isEqualTo(200);
        assertThat(text(afterDelete)).contains("SUMMARY:Lunch").doesNotContain("Dentist");
        assertThat(afterDelete.getResponseHeaders().getETag()).isNotIn(etag, edit, add);
        assertThat(exports.rendered()).as("one feed written per change").isEqualTo(written + 3);
    }

    @Test
    void anExportOfManyEventsIsWrittenABatchAtATime() throws Exception {
        long accountId = BigAccountSeed.account(db, TestBrowser.uniqueName("export"));
        BigAccountSeed.events(db, accountId, 1_100, 50);

        List<String> chunks = calendar.export(accountId).map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                .collectList().block();
        // The header with its time zone, three batches of at most 500 events, the footer.
        assertThat(chunks).hasSize(5);
        assertThat(chunks.get(0)).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VTIMEZONE", "TZID:Europe/Berlin");
        assertThat(chunks.get(4)).isEqualTo("END:VCALENDAR\r\n");
        net.fortuna.ical4j.model.Calendar parsed = new CalendarBuilder()
                .build(new StringReader(String.join("", chunks)));
        assertThat(parsed.getComponents(Component.VEVENT)).hasSize(1_100);
    }

    static void create(TestBrowser me, String title, String date) {
        Map<String, String> form = new HashMap<>(Map.of("title", title, "startDate", date, "startTime", "09:00",
                "endDate", date, "endTime", "10:00", "zone", "Europe/Berlin", "colour", "blue"));
        Page created = me.post("/calendar/events", form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
    }

    static List<Long> eventIds(TestBrowser me, String date) {
        return java.util.regex.Pattern.compile("href=\"/calendar/events/(\\d+)").matcher(
                me.get("/calendar/agenda?date=" + date).body()).results()
                .map(match -> Long.parseLong(match.group(1))).toList();
    }

    private static HttpHeaders ifNoneMatch(String etag) {
        HttpHeaders headers = new HttpHeaders();
        headers.setIfNoneMatch(etag);
        return headers;
    }

    private static String text(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }
}
