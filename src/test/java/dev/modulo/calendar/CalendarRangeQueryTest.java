package dev.modulo.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import dev.modulo.bench.BigAccountSeed;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.QueryPlans;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A month view of a large calendar reads index ranges, not every event that started before the
 * month: the plan names both indexes (short rows by start, long ones by end), and the view still
 * finds what started long ago (an endless weekly series of 2020, a trip across the month).
 */
@ModuloIntegrationTest
class CalendarRangeQueryTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    DatabaseClient db;

    @Autowired
    CalendarService calendar;

    @Autowired
    CalendarEvents events;

    @Test
    void aMonthViewReadsTwoIndexRangesAndFindsWhatStartedLongAgo() {
        long accountId = BigAccountSeed.account(db, TestBrowser.uniqueName("range"));
        // Ten years of events, one in a hundred an endless weekly series.
        BigAccountSeed.events(db, accountId, 2_000, 100);
        if (QueryPlans.isPostgres(db)) {
            db.sql("ANALYZE calendar_event").then().block();
        }

        String plan = QueryPlans.explain(db, QueryPlans.queryOf(CalendarEvents.class, "findTouching"), Map.of(
                "accountId", Long.toString(accountId),
                "earliest", "TIMESTAMP WITH TIME ZONE '2026-04-21 22:00:00+00'",
                "from", "TIMESTAMP WITH TIME ZONE '2026-05-31 22:00:00+00'",
                "to", "TIMESTAMP WITH TIME ZONE '2026-06-30 22:00:00+00'"));
        assertThat(plan.toLowerCase()).as(plan).contains("calendar_event_start_idx", "calendar_event_end_idx");
        if (QueryPlans.isPostgres(db)) {
            assertThat(plan).as(plan).contains("Index").doesNotContain("Seq Scan");
        }

        // What a scan by start alone would have to read, and the view must still find.
        Instant now = Instant.now();
        long weekly = save(new CalendarEvent(null, accountId, "old-weekly@test", null, null, "Old weekly", "", "",
                "blue", false, "Europe/Berlin", Instant.parse("2020-01-06T08:00:00Z"),
                Instant.parse("2020-01-06T09:00:00Z"), null, null, "FREQ=WEEKLY;BYDAY=MO", "", null, null, false, now,
                now, null));
        long trip = save(new CalendarEvent(null, accountId, "trip@test", null, null, "Long trip", "", "", "green", true,
                "Europe/Berlin", null, null, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 15), null, "", null, null,
                false, now, now, null));
        long lateMay = save(new CalendarEvent(null, accountId, "late-may@test", null, null, "Night into June", "", "",
                "blue", false, "Europe/Berlin", Instant.parse("2026-05-31T20:00:00Z"),
                Instant.parse("2026-06-01T02:00:00Z"), null, null, null, "", null, null, false, now, now, null));

        CalendarView june = calendar.view(accountId, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), BERLIN).block();
        assertThat(june.occurrences()).filteredOn(o -> o.seriesId() == weekly).extracting(o -> o.startIn(BERLIN)
                .toLocalDate()).containsExactly(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 8),
                        LocalDate.of(2026, 6, 15), LocalDate.of(2026, 6, 22), LocalDate.of(2026, 6, 29));
        assertThat(june.occurrences()).extracting(Occurrence::seriesId).contains(trip, lateMay);
        assertThat(calendar.view(accountId, LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 1), BERLIN).block()
                .occurrences()).extracting(Occurrence::seriesId).doesNotContain(trip, lateMay).contains(weekly);
    }

    private long save(CalendarEvent event) {
        return calendar.windowed(event).flatMap(events::save).block().id();
    }
}
