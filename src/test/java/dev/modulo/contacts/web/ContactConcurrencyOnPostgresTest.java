package dev.modulo.contacts.web;

import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ContactConcurrencyTest} again on a real PostgreSQL server: its unique keys, locks and retries. */
class ContactConcurrencyOnPostgresTest extends ContactConcurrencyTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
