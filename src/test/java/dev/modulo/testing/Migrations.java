package dev.modulo.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The migrations run step by step on an empty database of either engine: migrate to the version
 * before a change, insert rows as they were, migrate on, and look at them (DESIGN.md, Data).
 */
public final class Migrations {

    private Migrations() {
    }

    /** An empty database: "h2" (in PostgreSQL mode, as the application opens it) or "postgresql". */
    public static DataSource empty(String engine) {
        if ("postgresql".equals(engine)) {
            return Postgres.newDatabase();
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        return h2;
    }

    public static void migrateTo(DataSource database, String version) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(version).load().migrate();
    }

    public static void execute(DataSource database, String... statements) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each row of a query, its columns joined by a space. */
    public static List<String> rows(DataSource database, String query) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
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
    public static void account(DataSource database, long id) {
        execute(database, """
                INSERT INTO account (id, username, email, password_hash, plan_id, time_zone, phone_region, created_at)
                VALUES (%d, 'user%d', 'user%d@example.com', 'x', 'basic', 'UTC', 'DE', CURRENT_TIMESTAMP)"""
                .formatted(id, id, id));
    }
}
