package dev.modulo.calendar.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values longer than their columns never fail an import: a long but valid repeat rule is kept, a
 * series with more deleted occurrences than Modulo keeps is skipped with its reason while the rest
 * of the file imports, and deleting one more occurrence of a full series says why it cannot.
 */
@ModuloIntegrationTest
class CalendarImportLimitsTest {

    private static final Pattern EVENT_LINK = Pattern.compile("href=\"(/calendar/events/\\d+\\?at=[0-9TZ]+)\"");

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client)
                .signUp(TestBrowser.uniqueName("callim"), "a long and unusual passphrase", "basic");
    }

    @Test
    void aSeriesWithTenThousandDeletedOccurrencesIsSkippedWithItsReasonAndTheRestImports() {
        TestBrowser me = signUp();

        Page report = me.uploadFile("/calendar/import", "file", "big.ics", calendar(
                series("many-exdates", "Daily stand-up", "FREQ=DAILY", 10_000, ""),
                single("fine", "Dentist", "20260115T100000Z")));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>1</strong> added", "<strong>1</strong> skipped",
                "Daily stand-up", "more than 1,000 deleted occurrences (EXDATE)");
        assertThat(me.get("/calendar/month?date=2026-01-15").body()).contains("Dentist").doesNotContain("Daily stand-up");
    }

    @Test
    void aLongValidRepeatRuleImportsRepeatsAndExportsAgain() {
        TestBrowser me = signUp();
        String everyDayOfTheYear = "FREQ=YEARLY;BYYEARDAY=" + IntStream.rangeClosed(1, 366)
                .mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(everyDayOfTheYear.length()).isGreaterThan(1_000);

        Page report = me.uploadFile("/calendar/import", "file", "long-rule.ics",
                calendar(series("long-rule", "Water the garden", everyDayOfTheYear, 0, "")));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>1</strong> added", "<strong>0</strong> skipped");
        assertThat(me.get("/calendar/month?date=2026-03-01").body()).contains("Water the garden");
        assertThat(new String(me.getBytes("/calendar/export.ics", new org.springframework.http.HttpHeaders())
                .getResponseBody(), StandardCharsets.UTF_8).replace("\r\n ", "")).contains("BYYEARDAY=1,2,3,", ",365,366");

        String tooLong = "FREQ=YEARLY;BYYEARDAY=" + "1,".repeat(4_100) + "2";
        Page skipped = me.uploadFile("/calendar/import", "file", "too-long.ics",
                calendar(series("too-long", "Padded", tooLong, 0, "")));
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.body()).contains("<strong>1</strong> skipped",
                "its repeat rule is " + String.format(java.util.Locale.ROOT, "%,d", tooLong.length()) + " characters long");
    }

    @Test
    void aFullSeriesCannotLoseOneMoreOccurrenceAndSaysWhy() {
        TestBrowser me = signUp();
        Page report = me.uploadFile("/calendar/import", "file", "full.ics",
                calendar(series("full", "Gym", "FREQ=DAILY", 1_000, "")));
        assertThat(report.body()).as(report.body()).contains("<strong>1</strong> added");

        // The first 1,000 days are deleted; the occurrence on the 1,001st day is still there.
        LocalDate open = LocalDate.of(2026, 1, 2).plusDays(1_000);
        Matcher occurrence = EVENT_LINK.matcher(me.get("/calendar/month?date=" + open).body());
        assertThat(occurrence.find()).isTrue();
        me.get(occurrence.group(1).replace("?", "/delete?"));
        Page refused = me.post(occurrence.group(1).replace("?", "/delete?"), Map.of("scope", "this"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("already has 1,000 deleted occurrences");
        assertThat(me.get("/calendar/month?date=" + open).body()).contains("Gym");
    }

    @Test
    void cancelledInstancesThatWouldOverfillTheSeriesSkipItWhole() {
        TestBrowser me = signUp();
        String cancelled = "BEGIN:VEVENT\r\nUID:overfull\r\nDTSTAMP:20260101T000000Z\r\n"
                + "RECURRENCE-ID:20300101T100000Z\r\nDTSTART:20300101T100000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Run\r\nEND:VEVENT\r\n";

        Page report = me.uploadFile("/calendar/import", "file", "overfull.ics",
                calendar(series("overfull", "Run", "FREQ=DAILY", 1_000, ""), cancelled));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<strong>0</strong> added", "more than 1,000 deleted occurrences");
    }

    /** A daily 10:00 UTC series from 2 January 2026 with its first {@code exdates} days deleted. */
    static String series(String uid, String title, String rule, int exdates, String extra) {
        StringBuilder event = new StringBuilder("BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART:20260102T100000Z\r\nDTEND:20260102T110000Z\r\nRRULE:" + fold(rule) + "\r\nSUMMARY:" + title + "\r\n");
        for (int i = 0; i < exdates; i++) {
            event.append("EXDATE:").append(LocalDate.of(2026, 1, 2).plusDays(i).toString().replace("-", ""))
                    .append("T100000Z\r\n");
        }
        return event.append(extra).append("END:VEVENT\r\n").toString();
    }

    static String single(String uid, String title, String start) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + start + "\r\nSUMMARY:" + title
                + "\r\nEND:VEVENT\r\n";
    }

    static byte[] calendar(String... events) {
        return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + String.join("", events) + "END:VCALENDAR\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Lines of at most 75 octets, as RFC 5545 asks. */
    private static String fold(String value) {
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < value.length(); i += 60) {
            folded.append(i == 0 ? "" : "\r\n ").append(value, i, Math.min(value.length(), i + 60));
        }
        return folded.toString();
    }
}
