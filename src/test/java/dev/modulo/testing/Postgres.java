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

    /** The JDBC address of database {@code name} on the shared server. */
    public static String jdbcUrl(String name) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }

    /** Creates an empty database on the shared server (for tests that need their own schema). */
    public static void createDatabase(String name) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), "postgres",
                "postgres")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
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
