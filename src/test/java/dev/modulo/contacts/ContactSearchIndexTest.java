package dev.modulo.contacts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.bench.BigAccountSeed;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.QueryPlans;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact search reads the word index (the plan names it), finds by the start of any word and by
 * any run of a number's digits, and the export of many contacts is written a batch at a time.
 */
@ModuloIntegrationTest
class ContactSearchIndexTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ContactService contacts;

    @Autowired
    VCardService vcards;

    @Autowired
    AccountService accounts;

    @Autowired
    WebTestClient client;

    @Test
    void aSearchReadsTheWordIndexInsteadOfEveryContact() {
        long accountId = BigAccountSeed.account(db, TestBrowser.uniqueName("words"));
        BigAccountSeed.contacts(db, accountId, 2_000);
        if (QueryPlans.isPostgres(db)) {
            db.sql("ANALYZE contact_search_word").then().block();
            db.sql("ANALYZE contact").then().block();
        }
        Map<String, String> literals = Map.of("accountId", Long.toString(accountId), "limit", "200",
                "from0", bytes(ContactSearch.bytes("schmi")), "to0", bytes(ContactSearch.after("schmi")),
                "from1", bytes(ContactSearch.bytes("an")), "to1", bytes(ContactSearch.after("an")));
        for (String sql : List.of(ContactSearch.sql(1), ContactSearch.sql(2))) {
            String plan = QueryPlans.explain(db, sql, literals);
            assertThat(plan.toLowerCase()).as(plan).contains("contact_search_word_idx");
            if (QueryPlans.isPostgres(db)) {
                assertThat(plan).as(plan).doesNotContain("Seq Scan");
            }
        }

        List<Contact> schmidts = contacts.search(accountId, "Schmi").collectList().block();
        assertThat(schmidts).isNotEmpty().allSatisfy(found -> assertThat(found.familyName()).isEqualTo("Schmidt"));
        assertThat(contacts.search(accountId, "anna schmidt").collectList().block())
                .isNotEmpty().allSatisfy(found -> assertThat(found.displayName()).isEqualTo("Anna Schmidt"));
        assertThat(contacts.search(accountId, "zzz").collectList().block()).isEmpty();
    }

    @Test
    void wordsAreFoundByTheirStartAndNumbersByAnyRunOfTheirDigits() {
        String username = TestBrowser.uniqueName("words");
        TestBrowser me = new TestBrowser(client).signUp(username, TwoAccounts.PASSWORD, "basic");
        long accountId = accounts.findByUsername(username).block().id();
        Map<String, String> form = new java.util.HashMap<>(Map.of("givenName", "Zoë", "familyName", "Öztürk-Ünal",
                "organization", "Blue Whale Ltd", "emailType", "work", "emailValue", "zoe.orsted@whale.example",
                "phoneType", "mobile", "phoneValue", "+44 20 7946 0018", "tags", "sailing"));
        assertThat(me.post("/contacts/new", form).status()).isEqualTo(303);
        for (String query : List.of("zoe", "ZO", "ozt", "unal", "orst", "whale", "ltd", "sail", "zoe.orsted@wh", "7946",
                "946 0018", "0018", "+44 20 7946 0018")) {
            assertThat(contacts.search(accountId, query).collectList().block()).as(query)
                    .extracting(Contact::displayName).containsExactly("Zoë Öztürk-Ünal");
        }
        for (String query : List.of("oe", "rsted", "whales", "18 00", "ltd zoe sailing whale orsted extra")) {
            assertThat(contacts.search(accountId, query).collectList().block()).as(query).isEmpty();
        }
    }

    @Test
    void anExportOfManyContactsArrivesInSeveralChunks() {
        String username = TestBrowser.uniqueName("words");
        TestBrowser me = new TestBrowser(client).signUp(username, TwoAccounts.PASSWORD, "basic");
        long accountId = accounts.findByUsername(username).block().id();
        BigAccountSeed.contacts(db, accountId, 450);

        List<String> chunks = vcards.export(accountId, null, VCardFormat.of("4.0"))
                .map(buffer -> buffer.toString(StandardCharsets.UTF_8)).collectList().block();
        assertThat(chunks).as("batches of %d", VCardService.EXPORT_BATCH).hasSize(3);
        String whole = String.join("", chunks);
        assertThat(whole.split("BEGIN:VCARD", -1)).hasSize(451);

        EntityExchangeResult<byte[]> download = me.getBytes("/contacts/export?version=4.0", new HttpHeaders());
        assertThat(download.getStatus().value()).isEqualTo(200);
        assertThat(download.getResponseHeaders().getContentLength()).as("streamed, not measured first").isEqualTo(-1);
        assertThat(new String(download.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo(whole);
    }

    @Test
    void theJavaMigrationThatGivesOldContactsTheirWordsRanAtStartUp() {
        // Flyway names its table and columns in lower case, quoted.
        assertThat(db.sql("SELECT COUNT(*) AS n FROM \"flyway_schema_history\""
                        + " WHERE \"version\" = '43' AND \"success\" = TRUE")
                .map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    /** A byte string as a literal of the database: X'..' on H2, '\\x..'::bytea on PostgreSQL. */
    private String bytes(byte[] value) {
        String hex = java.util.HexFormat.of().formatHex(value);
        return QueryPlans.isPostgres(db) ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
    }
}
