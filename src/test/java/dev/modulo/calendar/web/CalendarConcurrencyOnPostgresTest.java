package dev.modulo.calendar.web;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CalendarConcurrencyTest} again on a real PostgreSQL server: its unique keys, locks and retries. */
@ModuloIntegrationTest
class CalendarConcurrencyOnPostgresTest extends CalendarConcurrencyTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
