package dev.modulo.calendar.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar through its pages, as a person uses it: a weekly Berlin meeting across the end of
 * daylight saving, its exceptions, another time zone, import, export, the feed, and isolation.
 */
@ModuloIntegrationTest
class CalendarPagesTest {

    static final Pattern EVENT_LINK = Pattern.compile("href=\"/calendar/events/(\\d+)(?:\\?at=([0-9TZ]+))?\"");

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("cal"), TwoAccounts.PASSWORD, "basic");
    }

    /** Creates the weekly Wednesday 09:00–10:00 Berlin meeting from 14 October 2026 and returns its id. */
    static long createWeeklyMeeting(TestBrowser me) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("title", "Planning");
        form.add("startDate", "2026-10-14");
        form.add("startTime", "09:00");
        form.add("endDate", "2026-10-14");
        form.add("endTime", "10:00");
        form.add("zone", "Europe/Berlin");
        form.add("repeat", "weekly");
        form.add("interval", "1");
        form.add("weekdays", "WE");
        form.add("ends", "count");
        form.add("count", "10");
        form.add("location", "Room 4");
        form.add("colour", "purple");
        Page created = me.postAll("/calendar/events", form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).isEqualTo("/calendar/month?date=2026-10-14");
        return links(me.get("/calendar/agenda?date=2026-10-14")).get(0).id();
    }

    record Link(long id, String key) {
    }

    static List<Link> links(Page page) {
        return EVENT_LINK.matcher(page.body()).results()
                .map(match -> new Link(Long.parseLong(match.group(1)), match.group(2))).toList();
    }

    /** The "HH:mm Title" chips of one day of the month grid. */
    static List<String> chipsOn(Page month, String date) {
        String body = month.body();
        int cell = body.indexOf("data-date=\"" + date + "\"");
        assertThat(cell).as("day %s in the grid", date).isPositive();
        String inside = body.substring(cell, body.indexOf("</td>", cell));
        return Pattern.compile("<time[^>]*>([0-9:]+)</time>\\s*<span>([^<]+)</span>").matcher(inside).results()
                .map(match -> match.group(1) + " " + match.group(2)).toList();
    }

    @Test
    void aWeeklyMeetingKeepsItsLocalTimeAndItsExceptionsShowOnce() {
        TestBrowser me = signUp();
        long series = createWeeklyMeeting(me);

        Page october = me.get("/calendar/month?date=2026-10-01");
        assertThat(october.status()).isEqualTo(200);
        assertThat(chipsOn(october, "2026-10-21")).containsExactly("09:00 Planning");
        assertThat(chipsOn(october, "2026-10-28")).as("after the end of summer time").containsExactly("09:00 Planning");

        // Delete the 4 November meeting only.
        String fourth = "20261104T080000Z";
        assertThat(me.get("/calendar/events/" + series + "/delete?at=" + fourth).body()).contains("only this one");
        assertThat(me.post("/calendar/events/" + series + "/delete?at=" + fourth, Map.of("scope", "this")).status())
                .isEqualTo(303);
        // Move the 11 November one to 14:00 the next day.
        String eleventh = "20261111T080000Z";
        Page edit = me.get("/calendar/events/" + series + "/edit?at=" + eleventh);
        assertThat(edit.body()).contains("value=\"2026-11-11\"", "value=\"09:00\"", "only this one");
        Page moved = me.post("/calendar/events/" + series + "?at=" + eleventh, Map.of("scope", "this",
                "title", "Planning (moved)", "startDate", "2026-11-12", "startTime", "14:00", "endDate", "2026-11-12",
                "endTime", "15:00", "zone", "Europe/Berlin", "colour", "purple"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(303);

        Page november = me.get("/calendar/month?date=2026-11-01");
        assertThat(chipsOn(november, "2026-11-04")).isEmpty();
        assertThat(chipsOn(november, "2026-11-11")).isEmpty();
        assertThat(chipsOn(november, "2026-11-12")).containsExactly("14:00 Planning (moved)");
        assertThat(chipsOn(november, "2026-11-18")).containsExactly("09:00 Planning");
        assertThat(november.body().split("<span>Planning \\(moved\\)</span>", -1)).as("the override shows once").hasSize(2);

        // The moved one has its own page and remembers which meeting it replaced.
        Page movedPage = me.get("/calendar/events/" + series + "?at=" + eleventh);
        assertThat(movedPage.body()).contains("Planning (moved)", "This occurrence was changed on its own.",
                "Thursday 12 November 2026, 14:00");
        // Changing "all of them" from the moved one keeps the series repeating (its editor has no repeat section).
        assertThat(me.get("/calendar/events/" + series + "/edit?at=" + eleventh).body()).doesNotContain("name=\"repeat\"");
        Page renamed = me.post("/calendar/events/" + series + "?at=" + eleventh, Map.of("scope", "all",
                "title", "Planning meeting", "startDate", "2026-11-11", "startTime", "09:00", "endDate", "2026-11-11",
                "endTime", "10:00", "zone", "Europe/Berlin", "colour", "purple"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(303);
        Page renamedMonth = me.get("/calendar/month?date=2026-11-01");
        assertThat(chipsOn(renamedMonth, "2026-11-18")).containsExactly("09:00 Planning meeting");
        assertThat(chipsOn(renamedMonth, "2026-11-12")).as("the moved one keeps its own changes")
                .containsExactly("14:00 Planning (moved)");

        // The deleted one is gone for good.
        assertThat(me.get("/calendar/events/" + series + "?at=" + fourth).status()).isEqualTo(404);
        // An instant the rule never produces is not an occurrence.
        assertThat(me.get("/calendar/events/" + series + "?at=20261105T080000Z").status()).isEqualTo(404);
    }

    @Test
    void thisAndFollowingSplitsTheSeriesWithoutDoublingAnything() {
        TestBrowser me = signUp();
        long series = createWeeklyMeeting(me);

        Page split = me.post("/calendar/events/" + series + "?at=20261104T080000Z", Map.ofEntries(
                Map.entry("scope", "following"), Map.entry("title", "Planning"), Map.entry("startDate", "2026-11-04"),
                Map.entry("startTime", "10:00"), Map.entry("endDate", "2026-11-04"), Map.entry("endTime", "11:00"),
                Map.entry("zone", "Europe/Berlin"), Map.entry("repeat", "weekly"), Map.entry("interval", "1"),
                Map.entry("weekdays", "WE"), Map.entry("ends", "count"), Map.entry("count", "10"),
                Map.entry("colour", "blue")));
        assertThat(split.status()).as(split.body()).isEqualTo(303);

        Page october = me.get("/calendar/month?date=2026-10-01");
        assertThat(chipsOn(october, "2026-10-28")).containsExactly("09:00 Planning");
        Page november = me.get("/calendar/month?date=2026-11-01");
        assertThat(chipsOn(november, "2026-11-04")).containsExactly("10:00 Planning");
        assertThat(chipsOn(november, "2026-11-25")).containsExactly("10:00 Planning");
        // Ten meetings in all, as before the split: three before it, seven after.
        Page agenda = me.get("/calendar/agenda?date=2026-10-14");
        Page later = me.get("/calendar/agenda?date=2026-11-13");
        Page last = me.get("/calendar/agenda?date=2026-12-13");
        long count = links(agenda).size() + links(later).size() + links(last).size();
        assertThat(count).isEqualTo(10);
        assertThat(chipsOn(me.get("/calendar/month?date=2026-12-01"), "2026-12-16")).containsExactly("10:00 Planning");
        assertThat(chipsOn(me.get("/calendar/month?date=2026-12-01"), "2026-12-23")).isEmpty();
    }

    @Test
    void deletingThisAndTheFollowingOnesEndsTheSeriesThere() {
        TestBrowser me = signUp();
        long series = createWeeklyMeeting(me);
        assertThat(me.post("/calendar/events/" + series + "/delete?at=20261104T080000Z", Map.of("scope", "following"))
                .location()).isEqualTo("/calendar/month?date=2026-11-04");

        assertThat(chipsOn(me.get("/calendar/month?date=2026-10-01"), "2026-10-28")).containsExactly("09:00 Planning");
        Page november = me.get("/calendar/month?date=2026-11-01");
        assertThat(chipsOn(november, "2026-11-04")).isEmpty();
        assertThat(chipsOn(november, "2026-11-11")).isEmpty();
        assertThat(me.get("/calendar/events/" + series).body()).contains("Every week on Wed, until 3 Nov 2026");

        // Deleting from the first occurrence on deletes the whole series.
        me.post("/calendar/events/" + series + "/delete?at=20261014T070000Z", Map.of("scope", "following"));
        assertThat(me.get("/calendar/events/" + series).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountZoneConvertsTimesButNotAllDayDates() {
        TestBrowser me = signUp();
        createWeeklyMeeting(me);
        Page holiday = me.post("/calendar/events", Map.of("title", "Holiday", "allDay", "on",
                "startDate", "2026-10-21", "endDate", "2026-10-22", "zone", "Europe/Berlin", "colour", "green"));
        assertThat(holiday.status()).as(holiday.body()).isEqualTo(303);

        assertThat(me.post("/account/preferences", Map.of("timeZone", "America/New_York", "phoneRegion", "US")).status())
                .isEqualTo(303);
        Page october = me.get("/calendar/month?date=2026-10-01");
        assertThat(october.body()).contains("Times in <span>America/New_York</span>");
        assertThat(chipsOn(october, "2026-10-21")).containsExactly("03:00 Planning");
        assertThat(chipsOn(october, "2026-10-28")).as("New York is still on summer time").containsExactly("04:00 Planning");
        assertThat(october.body()).contains("data-date=\"2026-10-21\"");
        String cell21 = october.body().substring(october.body().indexOf("data-date=\"2026-10-21\""));
        assertThat(cell21.substring(0, cell21.indexOf("</td>"))).contains("Holiday");
        String cell20 = october.body().substring(october.body().indexOf("data-date=\"2026-10-20\""));
        assertThat(cell20.substring(0, cell20.indexOf("</td>"))).doesNotContain("Holiday");
        String cell23 = october.body().substring(october.body().indexOf("data-date=\"2026-10-23\""));
        assertThat(cell23.substring(0, cell23.indexOf("</td>"))).doesNotContain("Holiday");

        Page week = me.get("/calendar/week?date=2026-10-21");
        assertThat(week.status()).isEqualTo(200);
        assertThat(week.body()).contains("Planning", "Holiday", "time=03:00");
    }

    @Test
    void badInputIsRefusedWithMessagesAndNothingIsSaved() {
        TestBrowser me = signUp();
        Page backwards = me.post("/calendar/events", Map.of("title", "Dinner", "startDate", "2026-11-10",
                "startTime", "20:00", "endDate", "2026-11-10", "endTime", "19:00", "zone", "Europe/Berlin"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("The end is before the start.", "value=\"Dinner\"");

        Page nowhere = me.post("/calendar/events", Map.of("title", "Dinner", "startDate", "2026-11-10",
                "startTime", "20:00", "zone", "Atlantis/Capital"));
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.body()).contains("Choose a time zone from the list");

        Page noDate = me.post("/calendar/events", Map.of("title", "Dinner", "startDate", "tomorrow",
                "zone", "Europe/Berlin"));
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.body()).contains("Give the date as YYYY-MM-DD.");

        Page tooOften = me.post("/calendar/events", Map.of("title", "Dinner", "startDate", "2026-11-10",
                "startTime", "20:00", "zone", "Europe/Berlin", "repeat", "daily", "ends", "count", "count", "100000"));
        assertThat(tooOften.status()).isEqualTo(400);
        assertThat(tooOften.body()).contains("Repeat 1 to 1000 times.");

        assertThat(links(me.get("/calendar/agenda?date=2026-11-01"))).isEmpty();
        Page notADate = me.get("/calendar/month?date=not-a-date");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.body()).contains("The date in the address must be a day between the years 1 and 9999");
        assertThat(me.get("/calendar/events/999999").status()).isEqualTo(404);
    }

    @Test
    void aGoogleExportIsImportedWithAReportAndTheFeedServesItBack() throws Exception {
        TestBrowser me = signUp();
        Page report = me.uploadFile("/calendar/import", "file", "work.ics", fixture("google.ics"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>4</strong> added", "<strong>1</strong> skipped",
                "Broken event", "it has no start (DTSTART).");

        Page november = me.get("/calendar/month?date=2026-11-01");
        assertThat(chipsOn(november, "2026-11-04")).as("EXDATE").isEmpty();
        assertThat(chipsOn(november, "2026-11-11")).as("moved by RECURRENCE-ID").isEmpty();
        assertThat(chipsOn(november, "2026-11-12")).containsExactly("11:00 Team standup (moved)");
        assertThat(chipsOn(november, "2026-11-18")).containsExactly("09:00 Team standup");
        assertThat(chipsOn(november, "2026-11-20")).containsExactly("16:00 Call with Sam");

        Page again = me.uploadFile("/calendar/import", "file", "work.ics", fixture("google.ics"));
        assertThat(again.body()).as("the same UIDs replace, not double").contains("<strong>0</strong> added",
                "<strong>4</strong> updated");
        assertThat(chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-18")).containsExactly("09:00 Team standup");

        String url = me.get("/calendar/subscribe").body().replaceAll("(?s).*data-testid=\"subscription-url\"[^>]*?value=\"([^\"]+)\".*|(?s).*value=\"([^\"]+)\"[^>]*data-testid=\"subscription-url\".*", "$1$2");
        String path = url.substring(url.indexOf("/calendar/feed/"));
        TestBrowser calendarApp = new TestBrowser(client);
        EntityExchangeResult<byte[]> feed = calendarApp.getBytes(path, new HttpHeaders());
        assertThat(feed.getStatus().value()).isEqualTo(200);
        assertThat(feed.getResponseHeaders().getContentType().toString()).startsWith("text/calendar");
        Calendar parsed = new CalendarBuilder().build(new StringReader(new String(feed.getResponseBody(), StandardCharsets.UTF_8)));
        assertThat(parsed.getProperty("REFRESH-INTERVAL")).isPresent();
        assertThat(parsed.getProperty("X-PUBLISHED-TTL")).isPresent();
        List<VEvent> events = parsed.getComponents(Component.VEVENT);
        assertThat(events).extracting(event -> event.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .containsExactlyInAnyOrder("Team standup", "Team standup (moved)", "Christmas at home", "Call with Sam");
        VEvent standup = events.stream().filter(event -> event.getProperty(Property.RRULE).isPresent()).findFirst().orElseThrow();
        assertThat(standup.getProperty(Property.EXDATE)).isPresent();
        assertThat(standup.getProperty(Property.DTSTART).orElseThrow().toString()).contains("TZID=Europe/Berlin:20261014T090000");

        HttpHeaders conditional = new HttpHeaders();
        conditional.setIfNoneMatch(feed.getResponseHeaders().getETag());
        assertThat(calendarApp.getBytes(path, conditional).getStatus().value()).isEqualTo(304);

        assertThat(me.post("/calendar/subscribe/regenerate", Map.of()).status()).isEqualTo(303);
        assertThat(calendarApp.getBytes(path, new HttpHeaders()).getStatus().value()).isEqualTo(404);

        EntityExchangeResult<byte[]> export = me.getBytes("/calendar/export.ics", new HttpHeaders());
        assertThat(export.getResponseHeaders().getContentDisposition().getFilename()).isEqualTo("modulo-calendar.ics");
        assertThat(new String(export.getResponseBody(), StandardCharsets.UTF_8)).contains("SUMMARY:Team standup");
    }

    @Test
    void aFileWhoseTimeZoneChangesEverySecondImportsWithTheStandardZoneAndSaysSo() {
        TestBrowser me = signUp();
        // ical4j listed every change of this zone since 1970 and ran the server out of memory.
        String file = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Hostile//EN",
                "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
                "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=SECONDLY", "END:DAYLIGHT", "END:VTIMEZONE",
                "BEGIN:VEVENT", "UID:every-second@example.com", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=Europe/Berlin:20261105T100000", "DTEND;TZID=Europe/Berlin:20261105T110000",
                "SUMMARY:Budget review", "END:VEVENT", "END:VCALENDAR", "");

        Page report = me.uploadFile("/calendar/import", "file", "hostile.ics", file.getBytes(StandardCharsets.UTF_8));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>1</strong> added", "“Europe/Berlin”", "not used as written",
                "Its standard rules were used instead.");
        assertThat(chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-05")).containsExactly("10:00 Budget review");
    }

    @Test
    void outlookAndAppleExportsImportWithWindowsZonesCancellationsAndRefusals() throws Exception {
        TestBrowser me = signUp();
        Page outlook = me.uploadFile("/calendar/import", "file", "outlook.ics", fixture("outlook.ics"));
        assertThat(outlook.status()).as(outlook.body()).isEqualTo(200);
        assertThat(outlook.body()).contains("<strong>0</strong> skipped");
        Page december = me.get("/calendar/month?date=2026-12-01");
        assertThat(chipsOn(december, "2026-12-08")).as("cancelled instance").isEmpty();
        assertThat(chipsOn(me.get("/calendar/month?date=2026-11-01"), "2026-11-10")).containsExactly("14:00 Monthly review");
        assertThat(chipsOn(me.get("/calendar/month?date=2027-01-01"), "2027-01-12")).containsExactly("14:00 Monthly review");

        Page apple = me.uploadFile("/calendar/import", "file", "apple.ics", fixture("apple.ics"));
        assertThat(apple.body()).contains("<strong>2</strong> added", "more often than every hour");
        assertThat(me.get("/calendar/month?date=2030-03-01").body()).contains("Mum’s birthday");
    }

    @Test
    void filesThatAreNotCalendarsOrTooLargeAreRefusedWithAMessage() {
        TestBrowser me = signUp();
        Page html = me.uploadFile("/calendar/import", "file", "calendar.ics", "<html>hi</html>".getBytes());
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.body()).contains("This is not an iCalendar (.ics) file");

        byte[] huge = ("BEGIN:VCALENDAR\r\n" + "X-PADDING:" + "x".repeat(5 * 1024 * 1024) + "\r\nEND:VCALENDAR\r\n").getBytes();
        Page tooLarge = me.uploadFile("/calendar/import", "file", "huge.ics", huge);
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("larger than 4 MB");

        Page empty = me.uploadFile("/calendar/import", "file", "empty.ics", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void anotherAccountCannotSeeChangeDeleteOrExportTheEvents() {
        TwoAccounts accounts = TwoAccounts.signUp(client);
        long series = createWeeklyMeeting(accounts.owner());
        String key = "20261021T070000Z";
        Map<String, String> edit = Map.of("scope", "all", "title", "Mine now", "startDate", "2026-10-14",
                "startTime", "09:00", "zone", "Europe/Berlin");

        accounts.assertIntruderGets404(List.of(
                Route.get("/calendar/events/" + series),
                Route.get("/calendar/events/" + series + "?at=" + key),
                Route.get("/calendar/events/" + series + "/edit?at=" + key),
                Route.get("/calendar/events/" + series + "/delete"),
                Route.post("/calendar/events/" + series + "?at=" + key, edit),
                Route.post("/calendar/events/" + series, edit),
                Route.post("/calendar/events/" + series + "/delete?at=" + key, Map.of("scope", "this")),
                Route.post("/calendar/events/" + series + "/delete", Map.of("scope", "all"))));

        TestBrowser intruder = accounts.intruder();
        assertThat(intruder.get("/calendar/month?date=2026-10-01").body()).doesNotContain("Planning");
        assertThat(new String(intruder.getBytes("/calendar/export.ics", new HttpHeaders()).getResponseBody(),
                StandardCharsets.UTF_8)).doesNotContain("Planning");
        // The intruder's own feed does not show the owner's calendar either.
        String intruderPage = intruder.get("/calendar/subscribe").body();
        Matcher token = Pattern.compile("/calendar/feed/([A-Za-z0-9_-]+)\\.ics").matcher(intruderPage);
        assertThat(token.find()).isTrue();
        assertThat(new String(new TestBrowser(client).getBytes("/calendar/feed/" + token.group(1) + ".ics",
                new HttpHeaders()).getResponseBody(), StandardCharsets.UTF_8)).doesNotContain("Planning");

        Page still = accounts.owner().get("/calendar/events/" + series + "?at=" + key);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.body()).contains("Planning").doesNotContain("Mine now");
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CalendarPagesTest.class.getResourceAsStream("/calendar/" + name)) {
            return in.readAllBytes();
        }
    }
}
