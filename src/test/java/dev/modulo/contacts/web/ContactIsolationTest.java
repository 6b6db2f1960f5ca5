package dev.modulo.contacts.web;

import java.util.List;
import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Account B cannot list, search, view, edit, delete, export or merge account A's contacts. */
@ModuloIntegrationTest
class ContactIsolationTest {

    @Autowired
    WebTestClient client;

    @Test
    void anotherAccountGets404OnEveryRouteAndNeverSeesTheRows() {
        TwoAccounts accounts = TwoAccounts.signUp(client);
        TestBrowser owner = accounts.owner();
        Map<String, String> form = ContactPagesTest.contact("Ada", "Lovelace", "ada@engine.example", "030 1234567");
        form.put("tags", "secret-tag");
        long ada = ContactPagesTest.create(owner, form);
        long twin = ContactPagesTest.create(owner, ContactPagesTest.contact("Ada", "L.", "ada@engine.example", ""));
        TestBrowser intruder = accounts.intruder();
        long own = ContactPagesTest.create(intruder, ContactPagesTest.contact("Ivy", "Intruder", "ivy@example.com", ""));

        accounts.assertIntruderGets404(List.of(
                Route.get("/contacts/" + ada),
                Route.get("/contacts/" + ada + "/edit"),
                Route.post("/contacts/" + ada + "/edit", ContactPagesTest.contact("Hacked", "", "", "")),
                Route.post("/contacts/" + ada + "/edit", Map.of("givenName", "Hacked", "add", "phone")),
                Route.post("/contacts/" + ada + "/favourite", Map.of("favourite", "true")),
                Route.get("/contacts/" + ada + "/delete"),
                Route.post("/contacts/" + ada + "/delete", Map.of()),
                Route.get("/contacts/" + ada + "/photo"),
                Route.post("/contacts/" + ada + "/photo/delete", Map.of()),
                Route.get("/contacts/" + ada + "/export?version=3.0"),
                Route.get("/contacts/" + ada + "/export?version=4.0"),
                Route.post("/contacts/merge", Map.of("id", Long.toString(ada))),
                Route.post("/contacts/merge?id=" + ada + "&id=" + twin, Map.of()),
                Route.post("/contacts/merge?id=" + own + "&id=" + ada, Map.of())));

        TestBrowser.Page upload = intruder.upload("/contacts/" + ada + "/photo", Map.of("x.png", new byte[] {1, 2, 3}), false);
        assertThat(upload.status()).as("photo upload onto another's contact").isEqualTo(404);

        // Lists, searches and exports show only the intruder's own rows.
        String list = intruder.get("/contacts").body();
        assertThat(list).contains("Ivy Intruder").doesNotContain("Lovelace");
        for (String query : List.of("Ada", "lovelace", "engine", "secret-tag", "+49 30 1234567", "1234567")) {
            assertThat(intruder.get("/contacts?q={q}", query).body()).as(query).doesNotContain("Lovelace");
        }
        for (String path : List.of("/contacts/export?version=3.0", "/contacts/export?version=4.0",
                "/contacts/export?version=3.0&tag=secret-tag")) {
            String exported = intruder.get(path).body();
            assertThat(exported).as(path).doesNotContain("Lovelace", "ada@engine");
        }
        assertThat(intruder.get("/contacts/duplicates").body()).doesNotContain("Lovelace");

        // And the owner's contacts are untouched.
        assertThat(owner.get("/contacts/" + ada).body()).contains("Ada Lovelace", "ada@engine.example");
        assertThat(owner.get("/contacts/" + twin).status()).isEqualTo(200);
    }
}
