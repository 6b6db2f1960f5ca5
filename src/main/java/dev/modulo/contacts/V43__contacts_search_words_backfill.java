package dev.modulo.contacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.modulo.contacts.ContactRules.Checked;
import dev.modulo.contacts.ContactRules.DetailRow;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Gives the contacts that existed before V42 their search words. A Java migration, unlike the
 * others, because the words must be cut exactly as {@link ContactSearch} cuts them (folding accents,
 * splitting, phone endings, UTF-8 bytes), which no SQL shared by H2 and PostgreSQL can do. Spring
 * Boot hands Flyway every {@code JavaMigration} bean; it runs once, in order, like the SQL ones.
 */
@Component
class V43__contacts_search_words_backfill extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        long after = 0;
        while (true) {
            Map<Long, Long> accountOf = new HashMap<>();
            Map<Long, Checked> contacts = new HashMap<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, account_id, display_name, prefix, given_name, middle_name, family_name, suffix,
                    nickname, organization, title, tags FROM contact WHERE id > ? ORDER BY id LIMIT ?""")) {
                select.setLong(1, after);
                select.setInt(2, BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong("id");
                        ids.add(id);
                        accountOf.put(id, rows.getLong("account_id"));
                        String tags = rows.getString("tags");
                        contacts.put(id, new Checked(rows.getString("display_name"), rows.getString("prefix"),
                                rows.getString("given_name"), rows.getString("middle_name"),
                                rows.getString("family_name"), rows.getString("suffix"), rows.getString("nickname"),
                                rows.getString("organization"), rows.getString("title"), null, null, "",
                                tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")), false,
                                new ArrayList<>(), List.of()));
                    }
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            addDetails(connection, ids, contacts);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO contact_search_word (account_id, contact_id, word) VALUES (?, ?, ?)")) {
                for (long id : ids) {
                    for (String word : ContactSearch.words(contacts.get(id))) {
                        insert.setLong(1, accountOf.get(id));
                        insert.setLong(2, id);
                        insert.setBytes(3, ContactSearch.bytes(word));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            after = ids.get(ids.size() - 1);
        }
    }

    private static void addDetails(Connection connection, List<Long> ids, Map<Long, Checked> contacts)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT contact_id, kind, detail_value, e164 FROM contact_detail
                WHERE contact_id >= ? AND contact_id <= ? AND kind IN ('EMAIL', 'PHONE')""")) {
            select.setLong(1, ids.get(0));
            select.setLong(2, ids.get(ids.size() - 1));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Checked contact = contacts.get(rows.getLong("contact_id"));
                    if (contact != null) {
                        contact.details().add(new DetailRow(rows.getString("kind"), "", "",
                                rows.getString("detail_value"), rows.getString("e164"), ""));
                    }
                }
            }
        }
    }
}
