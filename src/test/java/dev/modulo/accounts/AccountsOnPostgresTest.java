package dev.modulo.accounts;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The accounts contract on a real PostgreSQL server, with the same migrations — the scale-out configuration. */
@ModuloIntegrationTest
class AccountsOnPostgresTest extends AccountsContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
