package dev.modulo.calendar.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.modulo.calendar.web.CalendarPagesTest.chipsOn;
import static dev.modulo.calendar.web.CalendarPagesTest.createWeeklyMeeting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view once worked out is shown again while the calendar has not changed, and every kind of write
 * shows on the very next view. Rows are changed behind the application's back to tell a kept view
 * from one worked out again.
 */
@ModuloIntegrationTest
class KeptViewsTest {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccountService accounts;

    @Test
    void aViewIsKeptUntilTheCalendarsVersionMovesAsAnotherInstancesWriteMovesIt() {
        String username = TestBrowser.uniqueName("kept");
        TestBrowser me = new TestBrowser(client).signUp(username, TwoAccounts.PASSWORD, "basic");
        long accountId = accounts.findByUsername(username).block().id();
        Page created = me.post("/calendar/events", Map.of("title", "Dentist", "startDate", "2026-11-10",
                "startTime", "09:00", "endDate", "2026-11-10", "endTime", "10:00", "zone", "Europe/Berlin",
                "colour", "blue"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-10")).containsExactly("09:00 Dentist");

        db.sql("UPDATE calendar_event SET title = 'Dentist (behind the back)' WHERE account_id = :account")
                .bind("account", accountId).then().block();
        assertThat(chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-10")).as("kept")
                .containsExactly("09:00 Dentist");
        assertThat(me.get("/calendar/week?date=2026-11-10").body()).as("another range is worked out on its own")
                .contains("Dentist (behind the back)");

        // What another instance's write leaves: its rows, and the calendar's version bumped.
        db.sql("UPDATE data_version SET version = version + 1 WHERE account_id = :account AND kind = 'calendar'")
                .bind("account", accountId).then().block();
        assertThat(chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-10"))
                .containsExactly("09:00 Dentist (behind the back)");
    }

    @Test
    void everyKindOfWriteShowsOnTheNextView() {
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("kept"), TwoAccounts.PASSWORD, "basic");
        String november = "/calendar/month?date=2026-11-01";
        assertThat(me.get(november).status()).isEqualTo(200);

        long series = createWeeklyMeeting(me);
        assertThat(chipsOn(me.get(november), "2026-11-04")).as("created").containsExactly("09:00 Planning");

        assertThat(me.post("/calendar/events/" + series + "/delete?at=20261104T080000Z", Map.of("scope", "this"))
                .status()).isEqualTo(303);
        assertThat(chipsOn(me.get(november), "2026-11-04")).as("one occurrence deleted").isEmpty();

        assertThat(me.post("/calendar/events/" + series + "?at=20261111T080000Z", Map.of("scope", "this",
                "title", "Planning (moved)", "startDate", "2026-11-12", "startTime", "14:00", "endDate", "2026-11-12",
                "endTime", "15:00", "zone", "Europe/Berlin", "colour", "purple")).status()).isEqualTo(303);
        Page moved = me.get(november);
        assertThat(chipsOn(moved, "2026-11-11")).as("one occurrence moved").isEmpty();
        assertThat(chipsOn(moved, "2026-11-12")).containsExactly("14:00 Planning (moved)");

        assertThat(me.post("/calendar/events/" + series + "?at=20261118T080000Z", Map.of("scope", "all",
                "title", "Planning meeting", "startDate", "2026-11-18", "startTime", "09:00", "endDate", "2026-11-18",
                "endTime", "10:00", "zone", "Europe/Berlin", "colour", "purple")).status()).isEqualTo(303);
        assertThat(chipsOn(me.get(november), "2026-11-18")).as("all renamed").containsExactly("09:00 Planning meeting");

        assertThat(me.post("/calendar/events/" + series + "?at=20261125T080000Z", Map.ofEntries(
                Map.entry("scope", "following"), Map.entry("title", "Late planning"),
                Map.entry("startDate", "2026-11-25"), Map.entry("startTime", "16:00"),
                Map.entry("endDate", "2026-11-25"), Map.entry("endTime", "17:00"), Map.entry("zone", "Europe/Berlin"),
                Map.entry("repeat", "weekly"), Map.entry("interval", "1"), Map.entry("weekdays", "WE"),
                Map.entry("ends", "never"), Map.entry("colour", "blue"))).status()).isEqualTo(303);
        Page split = me.get(november);
        assertThat(chipsOn(split, "2026-11-18")).containsExactly("09:00 Planning meeting");
        assertThat(chipsOn(split, "2026-11-25")).as("this and the following changed").containsExactly("16:00 Late planning");

        assertThat(me.post("/calendar/events/" + series + "/delete?at=20261118T080000Z", Map.of("scope", "following"))
                .status()).isEqualTo(303);
        assertThat(chipsOn(me.get(november), "2026-11-18")).as("this and the following deleted").isEmpty();

        String ics = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//Test//Kept views//EN\r
                BEGIN:VEVENT\r
                UID:imported-1@test\r
                DTSTAMP:20261101T000000Z\r
                DTSTART:20261120T100000Z\r
                DTEND:20261120T110000Z\r
                SUMMARY:Imported call\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;
        assertThat(me.uploadFile("/calendar/import", "file", "one.ics", ics.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
        assertThat(chipsOn(me.get(november), "2026-11-20")).as("imported").containsExactly("11:00 Imported call");

        assertThat(me.post("/calendar/events/" + series + "/delete", Map.of("scope", "all")).status()).isEqualTo(303);
        assertThat(chipsOn(me.get(november), "2026-11-12")).as("the whole first series deleted").isEmpty();
    }
}
