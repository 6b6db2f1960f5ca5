package dev.modulo.contacts.web;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.contacts.ImportReport;
import dev.modulo.contacts.VCardService;
import dev.modulo.testing.Interleaving;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five imports or two tabs at once: the same .vcf file imported five times in parallel makes one
 * contact per card (with and without UIDs), and an edit form shown before another save, or before
 * the star was set, is answered 409 instead of undoing it.
 */
@ModuloIntegrationTest
class ContactConcurrencyTest {

    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    VCardService vcards;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionFactory database;

    @Autowired
    DatabaseClient db;

    String username;

    TestBrowser signUp() {
        username = TestBrowser.uniqueName("people");
        return new TestBrowser(client)
                .signUp(username, "a long and unusual passphrase", "basic");
    }

    long accountId() {
        return accounts.findByUsername(username).block().id();
    }

    static Flux<DataBuffer> content(byte[] bytes) {
        return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes.clone())));
    }

    /** Every contact of the account with its emails and phones, one line each. */
    List<String> stored(long accountId) {
        return db.sql("""
                        SELECT c.display_name, d.detail_value FROM contact c
                        LEFT JOIN contact_detail d ON d.contact_id = c.id
                        WHERE c.account_id = :account ORDER BY c.display_name, d.detail_value""")
                .bind("account", accountId)
                .map(row -> row.get("display_name", String.class) + " " + row.get("detail_value", String.class))
                .all()
                .collectList()
                .block();
    }

    static byte[] files(String... names) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String name : names) {
            all.writeBytes(ContactImportTest.fixture(name));
            all.write('\n');
        }
        return all.toByteArray();
    }

    @Test
    void fiveImportsOfOneFileAtOnceMakeOneContactPerCard() {
        byte[] file = files("google.vcf", "thunderbird.vcf", "apple.vcf", "outlook.vcf");
        signUp();
        long once = accountId();
        assertThat(vcards.importFile(once, "all.vcf", content(file)).block().failed()).isFalse();
        List<String> expected = stored(once);
        assertThat(expected).hasSizeGreaterThan(5);

        signUp();
        long fiveTimes = accountId();
        List<ImportReport> reports = Flux.merge(Flux.range(0, 5)
                        .map(i -> vcards.importFile(fiveTimes, "all.vcf", content(file))))
                .collectList()
                .block(Duration.ofSeconds(120));

        assertThat(reports).hasSize(5).allSatisfy(report -> assertThat(report.failure()).isNull());
        assertThat(stored(fiveTimes)).containsExactlyElementsOf(expected);

        // And once more, one after the other: every card merged into its contact, nothing added.
        ImportReport again = vcards.importFile(fiveTimes, "all.vcf", content(file)).block();
        assertThat(again.imported()).isEmpty();
        assertThat(stored(fiveTimes)).containsExactlyElementsOf(expected);
    }

    @Test
    void aStaleEditFormIsAnswered409WithWhatWasTyped() {
        TestBrowser me = signUp();
        long id = ContactPagesTest.create(me, ContactPagesTest.contact("Ada", "Lovelace", "ada@example.com", ""));
        String tabA = version(me.get("/contacts/" + id + "/edit"));
        String tabB = version(me.get("/contacts/" + id + "/edit"));

        assertThat(me.post("/contacts/" + id + "/edit",
                edited(ContactPagesTest.contact("Ada", "King", "ada@example.com", ""), tabA)).status()).isEqualTo(303);
        Page stale = me.post("/contacts/" + id + "/edit",
                edited(ContactPagesTest.contact("Augusta Ada", "Lovelace", "augusta@example.com", ""), tabB));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("This was changed elsewhere — reload and try again.",
                "value=\"Augusta Ada\"", "value=\"augusta@example.com\"");
        assertThat(stored(accountId())).containsExactly("Ada King ada@example.com");

        assertThat(me.post("/contacts/" + id + "/edit",
                edited(ContactPagesTest.contact("Augusta Ada", "Lovelace", "augusta@example.com", ""), version(stale)))
                .status()).isEqualTo(303);
        assertThat(stored(accountId())).containsExactly("Augusta Ada Lovelace augusta@example.com");
    }

    @Test
    void anEditFormShownBeforeTheStarWasSetDoesNotTakeTheStarAway() {
        TestBrowser me = signUp();
        long id = ContactPagesTest.create(me, ContactPagesTest.contact("Grace", "Hopper", "grace@example.com", ""));
        String shown = version(me.get("/contacts/" + id + "/edit"));

        assertThat(me.post("/contacts/" + id + "/favourite", Map.of("favourite", "true")).status()).isEqualTo(303);
        Page stale = me.post("/contacts/" + id + "/edit",
                edited(ContactPagesTest.contact("Grace", "Hopper", "grace@navy.example", ""), shown));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(db.sql("SELECT favourite FROM contact WHERE id = :id").bind("id", id)
                .map(row -> row.get("favourite", Boolean.class)).one().block()).isTrue();
    }

    @Test
    void anEditSavedWhileAnotherTabSavesTheSameContactIsNotLost() {
        TestBrowser me = signUp();
        long id = ContactPagesTest.create(me, ContactPagesTest.contact("Alan", "Turing", "alan@example.com", ""));

        Page second = Interleaving.saveAWhile(database,
                "UPDATE contact SET notes = 'Saved in tab A', version = version + 1 WHERE id = " + id,
                () -> me.post("/contacts/" + id + "/edit",
                        ContactPagesTest.contact("Alan M.", "Turing", "alan@example.com", "")));

        assertThat(second.status()).isEqualTo(409);
        assertThat(db.sql("SELECT notes FROM contact WHERE id = :id").bind("id", id)
                .map(row -> row.get("notes", String.class)).one().block()).isEqualTo("Saved in tab A");
    }

    static Map<String, String> edited(Map<String, String> form, String version) {
        Map<String, String> withVersion = new java.util.LinkedHashMap<>(form);
        withVersion.put("version", version);
        return withVersion;
    }

    static String version(Page page) {
        Matcher version = VERSION.matcher(page.body());
        assertThat(version.find()).as("a version field in %s", page.body()).isTrue();
        return version.group(1);
    }
}
