package dev.modulo.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading uploaded .ics files: a VTIMEZONE whose rules would make ical4j list billions of offset
 * changes (each ran the server out of memory) is replaced before ical4j expands it, and said so.
 */
// A safety net only: before the fix these ran for minutes and then out of heap.
@Timeout(120)
class ICalendarFilesTest {

    /** Bytes one parse may allocate: the files are a few KB; the hostile zones were gigabytes. */
    static final long ALLOWED = 64L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "FREQ=SECONDLY",
            "FREQ=MINUTELY",
            "FREQ=HOURLY;INTERVAL=2",
            "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
            "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15;BYHOUR=1,2,3"})
    void aZoneWhoseOffsetChangesAbsurdlyOftenGivesWayToTheStandardRulesOfItsTzid(String rule) {
        byte[] file = calendar(zone("Europe/Berlin", "19700101T000000", "RRULE:" + rule), "Europe/Berlin");

        long before = allocatedByThisThread();
        ICalendarFiles.Read read = ICalendarFiles.read(file);
        long allocated = allocatedByThisThread() - before;

        assertThat(allocated).as("bytes allocated reading a 1 KB file").isLessThan(ALLOWED);
        assertThat(read.notes()).singleElement().asString()
                .contains("“Europe/Berlin”", "not used as written", "standard rules were used");
        assertThat(startOf(read)).as("10:00 in Berlin in March is 09:00 UTC").isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
        assertThat(read.calendar().getComponents(Component.VTIMEZONE)).isEmpty();
    }

    @Test
    void aZoneOfItsOwnNameIsReadAtItsLatestOffsetFixed() {
        byte[] file = calendar(zone("Springfield Time", "19700101T000000", "RRULE:FREQ=SECONDLY"), "Springfield Time");

        long before = allocatedByThisThread();
        ICalendarFiles.Read read = ICalendarFiles.read(file);

        assertThat(allocatedByThisThread() - before).isLessThan(ALLOWED);
        assertThat(read.notes()).singleElement().asString()
                .contains("“Springfield Time”", "repeat secondly", "latest offset, UTC+05:00");
        assertThat(startOf(read)).isEqualTo(Instant.parse("2024-03-01T05:00:00Z"));
    }

    @Test
    void aZoneWithTensOfThousandsOfRdatesIsReplaced() {
        String rdates = IntStream.range(0, 20_000)
                .mapToObj(i -> java.time.LocalDateTime.of(1970, 1, 1, 0, 0).plusHours(i)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")))
                .collect(Collectors.joining(","));
        byte[] file = calendar(zone("Europe/Berlin", "19700101T000000", "RDATE:" + rdates), "Europe/Berlin");

        ICalendarFiles.Read read = ICalendarFiles.read(file);

        assertThat(read.notes()).singleElement().asString().contains("changes of offset");
        assertThat(startOf(read)).isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
    }

    @Test
    void ordinaryZonesAreReadAsWrittenEvenFrom1601() {
        // As Outlook writes them: yearly rules since 1601, under a Windows name ical4j does not know.
        String outlook = String.join("\r\n",
                "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
                "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
                "END:VTIMEZONE");
        byte[] file = calendar(outlook, "W. Europe Standard Time");

        ICalendarFiles.Read read = ICalendarFiles.read(file);

        assertThat(read.notes()).isEmpty();
        assertThat(read.calendar().getComponents(Component.VTIMEZONE)).hasSize(1);
        assertThat(startOf(read)).isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
    }

    private static Instant startOf(ICalendarFiles.Read read) {
        VEvent event = read.calendar().<VEvent>getComponent(Component.VEVENT).orElseThrow();
        Temporal start = event.<DtStart<Temporal>>getProperty(Property.DTSTART).orElseThrow().getDate();
        return ((ZonedDateTime) start).toInstant();
    }

    /** A zone whose STANDARD part is +05:00 and, for an IANA name, whose DAYLIGHT part repeats by {@code rule}. */
    static String zone(String tzid, String start, String rule) {
        return String.join("\r\n",
                "BEGIN:VTIMEZONE", "TZID:" + tzid,
                "BEGIN:STANDARD", "DTSTART:" + start, "TZOFFSETFROM:+0600", "TZOFFSETTO:+0500", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:" + start, "TZOFFSETFROM:+0500", "TZOFFSETTO:+0600", rule, "END:DAYLIGHT",
                "END:VTIMEZONE");
    }

    static byte[] calendar(String zone, String tzid) {
        return String.join("\r\n", List.of(
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Hostile zones//EN",
                zone,
                "BEGIN:VEVENT", "UID:hostile-zone-1", "DTSTAMP:20240101T000000Z",
                "DTSTART;TZID=" + tzid + ":20240301T100000", "DTEND;TZID=" + tzid + ":20240301T110000",
                "SUMMARY:Planning", "END:VEVENT",
                "END:VCALENDAR", "")).getBytes(StandardCharsets.UTF_8);
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }
}
