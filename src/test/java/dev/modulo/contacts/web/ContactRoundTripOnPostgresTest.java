package dev.modulo.contacts.web;

import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ContactRoundTripTest} again on a real PostgreSQL server, with the same migrations: the scale-out configuration. */
class ContactRoundTripOnPostgresTest extends ContactRoundTripTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
