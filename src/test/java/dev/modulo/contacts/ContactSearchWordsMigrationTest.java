package dev.modulo.contacts;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.modulo.testing.Migrations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V42 and V43 on contacts stored before them: each gets the search words a save would give it
 * (folded names, organisation, tags, email words, the endings of its numbers). On H2 and PostgreSQL.
 */
class ContactSearchWordsMigrationTest {

    @Test
    void existingContactsGetTheirSearchWordsOnH2() throws SQLException {
        check(Migrations.onH2(new V43__contacts_search_words_backfill()));
    }

    @Test
    void existingContactsGetTheirSearchWordsOnPostgres() throws SQLException {
        check(Migrations.onPostgres(new V43__contacts_search_words_backfill()));
    }

    private static void check(Migrations database) throws SQLException {
        database.migrateBefore("42");
        database.account(1);
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO contact (id, account_id, uid, display_name, prefix, given_name, middle_name, family_name,
                    suffix, nickname, organization, title, notes, tags, favourite, sort_key, letter, search_text,
                    created_at, updated_at) VALUES (1, 1, 'u1', 'José Müller', '', 'José', '', 'Müller', '', 'Pepe',
                    'Firma GmbH', '', '', 'climbing,Family', FALSE, 'jose muller', 'J', ' jose muller ',
                    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""");
            sql.execute("""
                    INSERT INTO contact_detail (account_id, contact_id, kind, type, label, detail_value, e164,
                    search_value, position) VALUES
                    (1, 1, 'EMAIL', 'work', '', 'jm@firma.example', NULL, 'jm@firma.example', 1),
                    (1, 1, 'PHONE', 'mobile', '', '030/1234567', '+49301234567', '49301234567', 1),
                    (1, 1, 'URL', 'home', '', 'https://unsearched.example', NULL, 'https://unsearched.example', 1)""");
        }

        database.migrateTo(null);

        List<String> words = new ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                ResultSet found = sql.executeQuery("SELECT word FROM contact_search_word WHERE contact_id = 1")) {
            while (found.next()) {
                words.add(new String(found.getBytes("word"), StandardCharsets.UTF_8));
            }
        }
        assertThat(words).contains("jose", "muller", "pepe", "firma", "gmbh", "climbing", "family", "jm", "example",
                "49301234567", "301234567", "1234567", "0301234567").doesNotContain("unsearched", "https");
    }
}
