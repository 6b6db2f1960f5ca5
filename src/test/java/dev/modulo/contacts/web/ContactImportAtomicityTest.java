package dev.modulo.contacts.web;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import is one transaction: when the database refuses one card half-way through (here a
 * trigger refuses a contact named "Refused By The Database"), none of the file's cards stay, and
 * the report says that nothing was imported.
 */
@ModuloIntegrationTest
class ContactImportAtomicityTest {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    /** Refuses one name, as a full disk or a lost connection would refuse anything. */
    public static class RefuseOneName implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            if (newRow != null && "Refused By The Database".equals(newRow[3])) {
                throw new SQLException("refused for the test");
            }
        }
    }

    @AfterEach
    void dropTrigger() {
        database.sql("DROP TRIGGER IF EXISTS contact_refuse_one").then().block();
    }

    @Test
    void whenOneCardCannotBeSavedNoneOfTheFileIs() {
        database.sql("CREATE TRIGGER contact_refuse_one BEFORE INSERT ON contact FOR EACH ROW CALL \""
                + RefuseOneName.class.getName() + "\"").then().block();
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("atomic"), "a long and unusual passphrase",
                "basic");
        String file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:First Fine\r\nEMAIL:first@example.com\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Second Fine\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Refused By The Database\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fourth Fine\r\nEND:VCARD\r\n";

        Page report = ContactImportTest.importFile(me, "four.vcf", file.getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).as("Modulo's fault, not the file's").isEqualTo(503);
        assertThat(report.body()).contains("nothing was imported (the import is all or nothing)");
        assertThat(me.get("/contacts").body()).contains("No contacts yet");
        assertThat(ContactPagesTest.listed(me.get("/contacts?q={q}", "fine"))).isEmpty();
    }
}
