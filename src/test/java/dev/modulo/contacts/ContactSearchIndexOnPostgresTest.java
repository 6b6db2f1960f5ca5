package dev.modulo.contacts;

import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ContactSearchIndexTest} on a real PostgreSQL server: its planner, its byte order, its driver. */
class ContactSearchIndexOnPostgresTest extends ContactSearchIndexTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
