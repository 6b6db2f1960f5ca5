package dev.modulo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server for the whole test run (embedded binaries from Maven Central, no
 * system install), for the tests that prove the scale-out configuration: same migrations, same
 * queries. It stops when the JVM does.
 */
public final class Postgres {

    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** Points the application (R2DBC) and its migrations (Flyway) at the shared server. */
    public static void use(DynamicPropertyRegistry registry) {
        int port = server().getPort();
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.r2dbc.username", () -> "postgres");
        registry.add("spring.r2dbc.password", () -> "postgres");
        registry.add("spring.flyway.url", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.flyway.user", () -> "postgres");
        registry.add("spring.flyway.password", () -> "postgres");
    }

    /** A new, empty database on the shared server, for tests that run migrations step by step. */
    public static javax.sql.DataSource newDatabase() {
        String name = "db_" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection connection = server().getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create a database", e);
        }
        return server().getDatabase("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }, "postgres-stop"));
        }
        return server;
    }
}
