package dev.modulo.mailin;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every blog-by-email test over SMTP again, on a real PostgreSQL server (the scale-out
 * configuration): the same migrations, transactions and unique indexes must hold there too.
 */
@ModuloIntegrationTest
class MailinOnPostgresTest extends MailinSmtpTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.use(registry);
    }
}
