package dev.modulo.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.modulo.platform.InvalidInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recurrence, time zones, exceptions and iCalendar reading, without a server. */
class CalendarDomainTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");

    final Expander expander = new Expander(3000, Duration.ofSeconds(2));

    static CalendarEvent timed(long id, ZonedDateTime start, Duration length, String rrule, String exdates) {
        return CalendarService.withWindow(new CalendarEvent(id, 1, "uid-" + id, null, null, "Event " + id, "", "",
                "blue", false, start.getZone().getId(), start.toInstant(), start.toInstant().plus(length), null, null,
                rrule, exdates, null, null, false, NOW, NOW, 0L));
    }

    static CalendarEvent allDay(long id, LocalDate start, LocalDate endExclusive, String rrule) {
        return CalendarService.withWindow(new CalendarEvent(id, 1, "uid-" + id, null, null, "Event " + id, "", "",
                "green", true, "UTC", null, null, start, endExclusive, rrule, "", null, null, false, NOW, NOW, 0L));
    }

    static ZonedDateTime berlin(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, BERLIN);
    }

    @Test
    void aWeeklyBerlinMeetingStaysAtNineBerlinTimeAcrossTheEndOfDaylightSaving() {
        CalendarEvent meeting = timed(1, berlin(2026, 10, 14, 9), Duration.ofHours(1), "FREQ=WEEKLY;BYDAY=WE", "");

        CalendarView inBerlin = expander.expand(List.of(meeting), Map.of(), LocalDate.of(2026, 10, 12),
                LocalDate.of(2026, 11, 9), BERLIN);

        assertThat(inBerlin.occurrences()).extracting(occurrence -> occurrence.startIn(BERLIN).toLocalTime())
                .containsOnly(LocalTime.of(9, 0)).hasSize(4);
        // Summer time until 25 October: 07:00 UTC; winter time after: 08:00 UTC.
        assertThat(inBerlin.occurrences()).extracting(Occurrence::start).containsExactly(
                Instant.parse("2026-10-14T07:00:00Z"), Instant.parse("2026-10-21T07:00:00Z"),
                Instant.parse("2026-10-28T08:00:00Z"), Instant.parse("2026-11-04T08:00:00Z"));

        CalendarView inNewYork = expander.expand(List.of(meeting), Map.of(), LocalDate.of(2026, 10, 12),
                LocalDate.of(2026, 11, 9), NEW_YORK);
        // New York leaves summer time a week later (1 November), so for one week the gap is five hours.
        assertThat(inNewYork.occurrences()).extracting(occurrence -> occurrence.startIn(NEW_YORK).toLocalTime())
                .containsExactly(LocalTime.of(3, 0), LocalTime.of(3, 0), LocalTime.of(4, 0), LocalTime.of(3, 0));
    }

    @Test
    void anAllDayEventIsOnTheSameDatesInEveryZone() {
        CalendarEvent holiday = allDay(2, LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 27), null);
        for (String zone : List.of("Pacific/Kiritimati", "Asia/Tokyo", "Europe/Berlin", "America/Los_Angeles",
                "Pacific/Pago_Pago")) {
            CalendarView view = expander.expand(List.of(holiday), Map.of(), LocalDate.of(2026, 12, 1),
                    LocalDate.of(2027, 1, 1), ZoneId.of(zone));
            assertThat(view.on(LocalDate.of(2026, 12, 23))).as(zone).isEmpty();
            assertThat(view.on(LocalDate.of(2026, 12, 24))).as(zone).hasSize(1);
            assertThat(view.on(LocalDate.of(2026, 12, 26))).as(zone).hasSize(1);
            assertThat(view.on(LocalDate.of(2026, 12, 27))).as(zone).isEmpty();
        }
        // And the window used by the database query reaches it from every zone.
        assertThat(holiday.windowStart()).isBefore(LocalDate.of(2026, 12, 24).atStartOfDay(ZoneId.of("Pacific/Kiritimati")).toInstant().plusSeconds(1));
        assertThat(holiday.windowEnd()).isAfter(LocalDate.of(2026, 12, 26).atStartOfDay(ZoneId.of("Pacific/Pago_Pago")).toInstant());
    }

    @Test
    void deletedAndOverriddenInstancesAreLeftOutAndOverridesShowOnce() {
        CalendarEvent series = timed(3, berlin(2026, 11, 2, 10), Duration.ofMinutes(30), "FREQ=DAILY;COUNT=5",
                Expander.key(berlin(2026, 11, 3, 10).toInstant()));
        String movedKey = Expander.key(berlin(2026, 11, 4, 10).toInstant());
        CalendarEvent moved = CalendarService.withWindow(new CalendarEvent(4L, 1, series.uid(), 3L, movedKey, "Moved",
                "", "", "red", false, "Europe/Berlin", berlin(2026, 11, 4, 15).toInstant(),
                berlin(2026, 11, 4, 16).toInstant(), null, null, null, "", null, null, false, NOW, NOW, 0L));

        CalendarView view = expander.expand(List.of(series, moved), Map.of(3L, Set.of(movedKey)),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), BERLIN);

        assertThat(view.occurrences()).extracting(occurrence -> occurrence.startIn(BERLIN).toLocalDateTime().toString())
                .containsExactly("2026-11-02T10:00", "2026-11-04T15:00", "2026-11-05T10:00", "2026-11-06T10:00");
        assertThat(view.occurrences()).filteredOn(occurrence -> occurrence.event().isOverride())
                .singleElement().satisfies(occurrence -> {
                    assertThat(occurrence.seriesId()).isEqualTo(3L);
                    assertThat(occurrence.key()).isEqualTo(movedKey);
                });
        // COUNT=5 bounds the window: nothing after the fifth day.
        assertThat(series.windowEnd()).isBefore(berlin(2026, 11, 8, 0).toInstant());
    }

    @Test
    void aPathologicalRuleIsCutShortWithANoteInsteadOfHanging() {
        CalendarEvent hourly = timed(5, berlin(2026, 1, 1, 0), Duration.ofMinutes(5), "FREQ=HOURLY", "");
        CalendarEvent impossible = timed(6, berlin(2026, 1, 31, 9), Duration.ofHours(1),
                "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31", "");
        Expander small = new Expander(100, Duration.ofSeconds(2));

        CalendarView view = small.expand(List.of(hourly, impossible), Map.of(), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), BERLIN);

        assertThat(view.occurrences()).hasSize(100);
        assertThat(view.truncated()).isTrue();
        assertThat(view.note()).contains("only the first 100");

        CalendarView onlyImpossible = small.expand(List.of(impossible), Map.of(), LocalDate.of(2026, 1, 1),
                LocalDate.of(2030, 1, 1), BERLIN);
        assertThat(onlyImpossible.occurrences()).extracting(Occurrence::start).containsExactly(impossible.startAt());
    }

    @Test
    void aViewThatRunsOutOfTimeStopsExpandingWithANote() {
        CalendarEvent daily = timed(8, berlin(2026, 1, 1, 9), Duration.ofHours(1), "FREQ=DAILY", "");
        CalendarEvent single = timed(9, berlin(2026, 11, 3, 12), Duration.ofHours(1), null, "");
        CalendarView view = new Expander(3000, Duration.ZERO).expand(List.of(daily, single), Map.of(),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), BERLIN);
        assertThat(view.note()).contains("took too long");
        assertThat(view.occurrences()).as("single events are still shown").extracting(Occurrence::seriesId)
                .containsExactly(9L);
    }

    @Test
    void aRuleThatWillNotParseIsReportedNotThrown() {
        CalendarEvent broken = timed(7, berlin(2026, 11, 1, 9), Duration.ofHours(1), "FREQ=WEEKLY;BYDAY=XX;INTERVAL=two", "");
        CalendarView view = expander.expand(List.of(broken), Map.of(), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), BERLIN);
        assertThat(view.note()).contains("could not be read");
    }

    @Test
    void theEditorsRepeatChoicesBecomeRrulesAndComeBack() {
        LocalDate tuesday = LocalDate.of(2026, 11, 10);
        Map<String, List<String>> weekly = Map.of("repeat", List.of("weekly"), "interval", List.of("2"),
                "weekdays", List.of("TU", "TH"), "ends", List.of("count"), "count", List.of("10"));
        RepeatRule rule = RepeatRule.fromForm(weekly, null, new java.util.HashMap<>());
        String rrule = rule.toRrule(tuesday, LocalTime.of(9, 0), BERLIN, false);
        assertThat(rrule).isEqualTo("FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=TU,TH");
        assertThat(RepeatRule.parse(rrule, BERLIN)).isEqualTo(rule);
        assertThat(rule.describe(tuesday)).isEqualTo("Every 2 weeks on Tue, Thu, 10 times");

        RepeatRule secondTuesday = RepeatRule.fromForm(Map.of("repeat", List.of("monthly-weekday"), "ends",
                List.of("until"), "until", List.of("2027-06-30")), null, new java.util.HashMap<>());
        String monthly = secondTuesday.toRrule(tuesday, LocalTime.of(9, 0), BERLIN, false);
        assertThat(monthly).isEqualTo("FREQ=MONTHLY;UNTIL=20270630T215959Z;BYDAY=2TU");
        assertThat(RepeatRule.parse(monthly, BERLIN).until()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(secondTuesday.describe(tuesday)).isEqualTo("Every month on the 2nd Tuesday, until 30 Jun 2027");

        assertThat(RepeatRule.parse("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1", BERLIN).frequency())
                .isEqualTo(RepeatRule.Frequency.CUSTOM);
        assertThat(RepeatRule.tooFrequent("FREQ=SECONDLY")).isTrue();
        assertThat(RepeatRule.endingBefore("FREQ=DAILY;COUNT=10", "20261105T090000Z", false, BERLIN))
                .isEqualTo("FREQ=DAILY;UNTIL=20261104T225959Z");
        assertThat(RepeatRule.endingBefore("FREQ=HOURLY", "20261105T090000Z", false, BERLIN))
                .isEqualTo("FREQ=HOURLY;UNTIL=20261105T085959Z");
    }

    @Test
    void theEditorRefusesWhatCannotBeAnEvent() {
        Map<String, List<String>> form = Map.of("title", List.of(""), "startDate", List.of("2026-11-10"),
                "startTime", List.of("10:00"), "endDate", List.of("2026-11-10"), "endTime", List.of("09:00"),
                "zone", List.of("Mars/Olympus_Mons"), "repeat", List.of("weekly"), "interval", List.of("0"));
        assertThatThrownBy(() -> EventFields.read(form, null)).isInstanceOfSatisfying(InvalidInput.class,
                invalid -> assertThat(invalid.fieldErrors()).containsKeys("title", "zone", "interval"));

        Map<String, List<String>> backwards = Map.of("title", List.of("Dinner"), "startDate", List.of("2026-11-10"),
                "startTime", List.of("20:00"), "endDate", List.of("2026-11-10"), "endTime", List.of("19:00"),
                "zone", List.of("Europe/Berlin"));
        assertThatThrownBy(() -> EventFields.read(backwards, null)).isInstanceOfSatisfying(InvalidInput.class,
                invalid -> assertThat(invalid.fieldErrors()).containsEntry("endTime", "The end is before the start."));
    }

    @Test
    void googleOutlookAndAppleExportsAreReadWithTheirQuirks() throws IOException {
        ICalendars.Parsed google = ICalendars.read(fixture("google.ics"), BERLIN, 100);
        assertThat(google.events()).extracting(ICalendars.Imported::title)
                .containsExactly("Team standup", "Team standup (moved)", "Christmas at home", "Call with Sam");
        assertThat(google.skipped()).singleElement().asString().contains("Broken event", "no start");
        ICalendars.Imported standup = google.events().get(0);
        assertThat(standup.zone()).isEqualTo("Europe/Berlin");
        assertThat(standup.startAt()).isEqualTo(Instant.parse("2026-10-14T07:00:00Z"));
        assertThat(standup.exdates()).containsExactly("20261104T080000Z");
        assertThat(standup.description()).isEqualTo("Daily sync, but weekly.\nBring coffee.");
        assertThat(google.events().get(1).key()).isEqualTo("20261111T080000Z");
        assertThat(google.events().get(2).startDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(google.events().get(3).description()).contains("so that it continues on the next line.");

        ICalendars.Parsed outlook = ICalendars.read(fixture("outlook.ics"), NEW_YORK, 100);
        ICalendars.Imported review = outlook.events().get(0);
        assertThat(review.zone()).as("Windows zone name").isEqualTo("Europe/Berlin");
        assertThat(review.startAt()).isEqualTo(Instant.parse("2026-11-10T13:00:00Z"));
        assertThat(outlook.events().get(1).cancelled()).isTrue();
        assertThat(outlook.events()).extracting(ICalendars.Imported::title).contains("Dentist", "Floating breakfast");
        ICalendars.Imported floating = outlook.events().stream()
                .filter(event -> event.title().equals("Floating breakfast")).findFirst().orElseThrow();
        assertThat(floating.startAt()).as("floating time in the account's zone")
                .isEqualTo(ZonedDateTime.of(2026, 11, 19, 9, 0, 0, 0, NEW_YORK).toInstant());

        ICalendars.Parsed apple = ICalendars.read(fixture("apple.ics"), BERLIN, 100);
        assertThat(apple.events()).extracting(ICalendars.Imported::title).containsExactly("Mum’s birthday", "Yoga");
        assertThat(apple.skipped()).singleElement().asString().contains("Every second", "more often than every hour");
        assertThat(apple.events().get(1).zone()).isEqualTo("America/New_York");
        assertThat(apple.events().get(1).location()).isEqualTo("Studio\nBrooklyn");
    }

    @Test
    void somethingThatIsNotACalendarIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ICalendars.read("<html>hello</html>".getBytes(), BERLIN, 100))
                .isInstanceOfSatisfying(InvalidInput.class,
                        invalid -> assertThat(invalid.fieldErrors().get("file")).contains("not an iCalendar"));
        assertThatThrownBy(() -> ICalendars.read("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n".getBytes(), BERLIN, 100))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        CalendarEvent meeting = timed(1, berlin(2026, 10, 14, 9), Duration.ofHours(1), "FREQ=WEEKLY;BYDAY=WE",
                Expander.key(berlin(2026, 10, 21, 9).toInstant()));
        CalendarEvent holiday = allDay(2, LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 27), "FREQ=YEARLY");
        String text = ICalendars.write(List.of(meeting, holiday), "test", BERLIN, Duration.ofHours(1));
        assertThat(text).contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
                "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "DTSTART;TZID=Europe/Berlin:20261014T090000",
                "DTSTART;VALUE=DATE:20261224");

        ICalendars.Parsed back = ICalendars.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), NEW_YORK, 100);
        assertThat(back.skipped()).isEmpty();
        ICalendars.Imported meetingBack = back.events().get(0);
        assertThat(meetingBack.startAt()).isEqualTo(meeting.startAt());
        assertThat(meetingBack.zone()).isEqualTo("Europe/Berlin");
        assertThat(meetingBack.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=WE");
        assertThat(meetingBack.exdates()).isEqualTo(meeting.excludedKeys());
        assertThat(back.events().get(1).startDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(back.events().get(1).endDate()).isEqualTo(LocalDate.of(2026, 12, 27));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CalendarDomainTest.class.getResourceAsStream("/calendar/" + name)) {
            return in.readAllBytes();
        }
    }
}
