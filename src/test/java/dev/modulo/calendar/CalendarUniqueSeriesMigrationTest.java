package dev.modulo.calendar;

import dev.modulo.testing.Migrations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V36: copies of a series that concurrent imports made before the unique key held are kept, each
 * under a UID of its own (its changed instances follow it); from then on the key holds.
 */
class CalendarUniqueSeriesMigrationTest {

    static final String EVENT = """
            INSERT INTO calendar_event (id, account_id, uid, parent_id, recurrence_key, title, location, description,
                colour, all_day, zone, start_at, end_at, rrule, exdates, window_start, created_at, updated_at)
            VALUES (%d, 1, '%s', %s, %s, '%s', '', '', 'blue', FALSE, 'UTC', TIMESTAMP WITH TIME ZONE '2026-11-04 09:00:00+00',
                TIMESTAMP WITH TIME ZONE '2026-11-04 10:00:00+00', %s, '', TIMESTAMP WITH TIME ZONE '2026-11-04 09:00:00+00',
                CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void copiesOfASeriesAreKeptUnderUidsOfTheirOwnAndTheKeyHoldsFromThenOn(String engine) {
        Migrations database = Migrations.empty(engine);
        database.migrateTo("35");
        database.account(1);
        database.execute(EVENT.formatted(10, "standup@example.com", "NULL", "NULL", "Standup", "'FREQ=WEEKLY'"),
                EVENT.formatted(11, "standup@example.com", "NULL", "NULL", "Standup (copy)", "'FREQ=WEEKLY'"),
                EVENT.formatted(12, "standup@example.com", "11", "'20261111T090000Z'", "Moved", "NULL"),
                EVENT.formatted(13, "lunch@example.com", "NULL", "NULL", "Lunch", "NULL"));

        database.migrateTo("36");

        assertThat(database.rows("SELECT id, uid, recurrence_key, version FROM calendar_event ORDER BY id"))
                .containsExactly("10 standup@example.com  0", "11 copy-11@modulo  0",
                        "12 copy-11@modulo 20261111T090000Z 0", "13 lunch@example.com  0");
        assertThatThrownBy(() -> database.execute(EVENT.formatted(14, "lunch@example.com", "NULL", "''", "Lunch again", "NULL")))
                .satisfies(duplicate -> assertThat(duplicate.getCause().getMessage().toLowerCase())
                        .contains("calendar_event_uid_idx"));
        assertThatThrownBy(() -> database.execute(EVENT.formatted(15, "dinner@example.com", "NULL", "NULL", "A key of NULL", "NULL")))
                .satisfies(missing -> assertThat(missing.getCause().getMessage().toLowerCase())
                        .contains("recurrence_key"));
    }
}
