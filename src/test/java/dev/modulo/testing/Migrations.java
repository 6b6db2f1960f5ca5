package dev.modulo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Databases of their own for tests of migrations that change existing data (DESIGN.md): migrate
 * to the version before, insert rows as they were then, migrate on, check them. One H2 file (in
 * the settings the application uses) or one fresh PostgreSQL database (on the run's shared server)
 * per call.
 */
public final class Migrations {

    private final String url;
    private final String user;
    private final String password;
    private final JavaMigration[] javaMigrations;

    private Migrations(String url, String user, String password, JavaMigration... javaMigrations) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.javaMigrations = javaMigrations;
    }

    /** An empty database of {@code engine}: "h2" or "postgresql". */
    public static Migrations empty(String engine) {
        return "postgresql".equals(engine) ? onPostgres() : onH2();
    }

    /** A new H2 file, in the settings the application uses. */
    public static Migrations onH2(JavaMigration... javaMigrations) {
        try {
            String path = Files.createTempDirectory("modulo-migration-").resolve("modulo").toString().replace('\\', '/');
            return new Migrations("jdbc:h2:file:" + path + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH", "sa", "",
                    javaMigrations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new database on the run's PostgreSQL server. */
    public static Migrations onPostgres(JavaMigration... javaMigrations) {
        String name = "migration_" + Long.toString(System.nanoTime(), 36);
        Postgres.createDatabase(name);
        return new Migrations(Postgres.jdbcUrl(name), "postgres", "postgres", javaMigrations);
    }

    /** Applies the migrations up to and with {@code version} (all when null). */
    public Migrations migrateTo(String version) {
        var configuration = configuration();
        if (version != null) {
            configuration.target(version);
        }
        configuration.load().migrate();
        return this;
    }

    /** Applies every migration before {@code version} (whatever number the one before has). */
    public Migrations migrateBefore(String version) {
        MigrationVersion next = MigrationVersion.fromVersion(version);
        MigrationVersion before = Arrays.stream(configuration().load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(found -> found.compareTo(next) < 0)
                .max(MigrationVersion::compareTo)
                .orElseThrow();
        return migrateTo(before.getVersion());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The same database through R2DBC, as the application reaches it. */
    public ConnectionFactory connectionFactory() {
        if (url.startsWith("jdbc:h2:")) {
            return new H2ConnectionFactory(H2ConnectionConfiguration.builder()
                    .url(url.substring("jdbc:h2:".length())).username(user).password(password).build());
        }
        return ConnectionFactories.get(ConnectionFactoryOptions.parse("r2dbc:" + url.substring("jdbc:".length())).mutate()
                .option(ConnectionFactoryOptions.USER, user).option(ConnectionFactoryOptions.PASSWORD, password).build());
    }

    public void execute(String... statements) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each row of a query, its columns joined by a space. */
    public List<String> rows(String query) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account row (every module's rows need one), with the given id. */
    public void account(long id) {
        execute("""
                INSERT INTO account (id, username, email, password_hash, plan_id, time_zone, phone_region, created_at)
                VALUES (%d, 'user%d', 'user%d@example.com', 'x', 'basic', 'UTC', 'DE', CURRENT_TIMESTAMP)"""
                .formatted(id, id, id));
    }

    private FluentConfiguration configuration() {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .javaMigrations(javaMigrations);
    }
}
