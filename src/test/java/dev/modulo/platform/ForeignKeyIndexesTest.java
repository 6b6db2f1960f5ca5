package dev.modulo.platform;

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
 * Every foreign key of the schema (all migrations) has an index that starts with its columns.
 * PostgreSQL makes none of its own: without one, a query by the column, and each delete of a
 * referenced row (the cascade, the SET NULL), reads the whole referencing table. H2 makes them
 * itself, so the check runs on PostgreSQL.
 */
class ForeignKeyIndexesTest {

    @Test
    void everyForeignKeyHasAnIndexOnPostgres() throws SQLException {
        Migrations database = Migrations.onPostgres().migrateTo(null);
        List<String> unindexed = new ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                ResultSet found = sql.executeQuery("""
                        SELECT c.conrelid::regclass::text AS tbl, c.conname,
                               array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) AS k(n)
                                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), ',') AS cols
                        FROM pg_constraint c
                        WHERE c.contype = 'f' AND NOT EXISTS (
                            SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                            AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
                            AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey)
                        ORDER BY 1, 2""")) {
            while (found.next()) {
                unindexed.add(found.getString("tbl") + "(" + found.getString("cols") + ")");
            }
        }
        assertThat(unindexed).as("foreign keys without an index").isEmpty();
    }
}
