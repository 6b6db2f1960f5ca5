package dev.modulo.calendar.web;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every calendar page test again on a real PostgreSQL server: the range queries, overrides and import. */
@ModuloIntegrationTest
class CalendarOnPostgresTest extends CalendarPagesTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
