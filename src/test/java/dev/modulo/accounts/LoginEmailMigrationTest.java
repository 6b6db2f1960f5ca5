package dev.modulo.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V25 keeps the addresses of accounts opened before it as their own, for login and reset. */
class LoginEmailMigrationTest {

    @TempDir
    Path directory;

    @Test
    void accountsOpenedBeforeKeepTheirAddressAndNewOnesMayShareAnUnconfirmedOne() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("modulo") + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH";
        migrate(url, "24?"); // the last version before V25, whichever exists ("?": need not exist)
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement sql = connection.createStatement()) {
            sql.execute(insert("confirmed", "confirmed@example.com", "CURRENT_TIMESTAMP"));
            sql.execute(insert("unconfirmed", "unconfirmed@example.com", "NULL"));
        }

        migrate(url, "latest");

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement sql = connection.createStatement()) {
            assertThat(loginEmail(sql, "confirmed")).isEqualTo("confirmed@example.com");
            assertThat(loginEmail(sql, "unconfirmed")).isEqualTo("unconfirmed@example.com");
            sql.execute(insert("newcomer", "confirmed@example.com", "NULL"));
            assertThat(loginEmail(sql, "newcomer")).isNull();
            assertThatThrownBy(() -> sql.execute("UPDATE account SET login_email = email WHERE username = 'newcomer'"))
                    .as("one account owns an address").isInstanceOf(SQLException.class);
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target(target).load().migrate();
    }

    private static String insert(String username, String email, String verifiedAt) {
        return "INSERT INTO account (username, email, password_hash, plan_id, time_zone, phone_region, email_verified_at, "
                + "created_at) VALUES ('" + username + "', '" + email + "', 'x', 'basic', 'UTC', 'US', " + verifiedAt
                + ", CURRENT_TIMESTAMP)";
    }

    private static String loginEmail(Statement sql, String username) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT login_email FROM account WHERE username = '" + username + "'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
