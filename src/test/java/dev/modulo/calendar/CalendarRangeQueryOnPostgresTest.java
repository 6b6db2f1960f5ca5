package dev.modulo.calendar;

import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CalendarRangeQueryTest} on a real PostgreSQL server: its planner, its index scans. */
class CalendarRangeQueryOnPostgresTest extends CalendarRangeQueryTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
