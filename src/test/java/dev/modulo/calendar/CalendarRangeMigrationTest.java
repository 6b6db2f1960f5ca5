package dev.modulo.calendar;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.modulo.testing.Migrations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V40 on events stored before it: an endless series gets the far-future window end (it had NULL),
 * rows longer than 40 days are marked long, short ones are not. On H2 and on PostgreSQL.
 */
class CalendarRangeMigrationTest {

    @Test
    void existingEventsGetTheirEffectiveEndAndSpanOnH2() throws SQLException {
        check(Migrations.onH2());
    }

    @Test
    void existingEventsGetTheirEffectiveEndAndSpanOnPostgres() throws SQLException {
        check(Migrations.onPostgres());
    }

    private static void check(Migrations database) throws SQLException {
        database.migrateBefore("40");
        database.account(1);
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            String columns = "(account_id, uid, title, location, description, colour, all_day, zone, start_at, end_at, "
                    + "rrule, exdates, window_start, window_end, created_at, updated_at) VALUES (1, ";
            sql.execute("INSERT INTO calendar_event " + columns + "'weekly', 'Weekly', '', '', 'blue', FALSE, "
                    + "'Europe/Berlin', TIMESTAMP WITH TIME ZONE '2020-01-06 08:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2020-01-06 09:00:00+00', 'FREQ=WEEKLY', '', "
                    + "TIMESTAMP WITH TIME ZONE '2020-01-06 08:00:00+00', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO calendar_event " + columns + "'meeting', 'Meeting', '', '', 'blue', FALSE, "
                    + "'Europe/Berlin', TIMESTAMP WITH TIME ZONE '2026-03-02 08:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00', NULL, '', "
                    + "TIMESTAMP WITH TIME ZONE '2026-03-02 08:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO calendar_event " + columns + "'sabbatical', 'Sabbatical', '', '', 'blue', FALSE, "
                    + "'Europe/Berlin', TIMESTAMP WITH TIME ZONE '2026-04-01 08:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-06-30 16:00:00+00', NULL, '', "
                    + "TIMESTAMP WITH TIME ZONE '2026-04-01 08:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-06-30 16:00:00+00', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        database.migrateTo(null);

        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                ResultSet found = sql.executeQuery("SELECT uid, window_end, long_span FROM calendar_event ORDER BY uid")) {
            while (found.next()) {
                rows.put(found.getString("uid"), new Object[] {found.getObject("window_end", OffsetDateTime.class)
                        .toInstant(), found.getBoolean("long_span")});
            }
        }
        assertThat(rows.get("weekly")).containsExactly(CalendarEvent.FOREVER, true);
        assertThat(rows.get("meeting")).containsExactly(java.time.Instant.parse("2026-03-02T09:00:00Z"), false);
        assertThat(rows.get("sabbatical")).containsExactly(java.time.Instant.parse("2026-06-30T16:00:00Z"), true);
    }
}
