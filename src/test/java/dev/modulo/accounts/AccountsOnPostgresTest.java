package dev.modulo.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.modulo.testing.ModuloIntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The accounts contract on a real PostgreSQL server (started from Maven Central's embedded
 * binaries, no system install), with the same migrations — the scale-out configuration.
 */
@ModuloIntegrationTest
class AccountsOnPostgresTest extends AccountsContract {

    private static final EmbeddedPostgres POSTGRES = start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        int port = POSTGRES.getPort();
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.r2dbc.username", () -> "postgres");
        registry.add("spring.r2dbc.password", () -> "postgres");
        registry.add("spring.flyway.url", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.flyway.user", () -> "postgres");
        registry.add("spring.flyway.password", () -> "postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }
}
