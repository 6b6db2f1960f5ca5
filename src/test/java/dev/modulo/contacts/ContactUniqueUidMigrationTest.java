package dev.modulo.contacts;

import dev.modulo.testing.Migrations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V37: copies of a contact that concurrent imports made before the UID was unique are kept (Find
 * duplicates offers them), each under a UID of its own; from then on the UID is unique.
 */
class ContactUniqueUidMigrationTest {

    static final String CONTACT = """
            INSERT INTO contact (id, account_id, uid, display_name, prefix, given_name, middle_name, family_name, suffix,
                nickname, organization, title, notes, tags, favourite, sort_key, letter, search_text, created_at, updated_at)
            VALUES (%d, %d, '%s', '%s', '', '', '', '', '', '', '', '', '', '', FALSE, '%s', 'A', '', CURRENT_TIMESTAMP,
                CURRENT_TIMESTAMP)""";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void copiesOfAContactAreKeptUnderUidsOfTheirOwnAndTheUidIsUniqueFromThenOn(String engine) {
        Migrations database = Migrations.empty(engine);
        database.migrateTo("36");
        database.account(1);
        database.account(2);
        database.execute(CONTACT.formatted(20, 1, "urn:uuid:ada", "Ada", "ada"),
                CONTACT.formatted(21, 1, "urn:uuid:ada", "Ada (copy)", "ada (copy)"),
                CONTACT.formatted(22, 1, "urn:uuid:ada", "Ada (another copy)", "ada (another copy)"),
                CONTACT.formatted(23, 2, "urn:uuid:ada", "Ada of another account", "ada of another account"));

        database.migrateTo("37");

        assertThat(database.rows("SELECT id, account_id, uid, version FROM contact ORDER BY id"))
                .containsExactly("20 1 urn:uuid:ada 0", "21 1 urn:modulo:copy:21 0", "22 1 urn:modulo:copy:22 0",
                        "23 2 urn:uuid:ada 0");
        assertThatThrownBy(() -> database.execute(CONTACT.formatted(24, 1, "urn:uuid:ada", "Ada", "ada")))
                .satisfies(duplicate -> assertThat(duplicate.getCause().getMessage().toLowerCase())
                        .contains("contact_account_uid_uk"));
    }
}
