package dev.modulo.contacts.web;

import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Contacts that share an email or a phone number (written any way) are offered for merging; a merge keeps every value. */
@ModuloIntegrationTest
class ContactDuplicatesTest {

    @Autowired
    WebTestClient client;

    @Test
    void sharedPhoneInAnotherFormatOrSharedEmailIsOfferedAndMergeKeepsEveryDistinctValue() {
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("dupes"), "a long and unusual passphrase",
                "basic");
        Map<String, String> first = ContactPagesTest.contact("Anna", "Schmidt", "anna@example.com", "030/1234567");
        first.put("tags", "family");
        first.put("notes", "Knows the way.");
        long anna = ContactPagesTest.create(me, first);
        Map<String, String> second = ContactPagesTest.contact("Anna", "S.", "anna.s@work.example", "+49 30 1234567");
        second.put("organization", "Acme");
        second.put("tags", "work, Family");
        second.put("notes", "Prefers mornings.");
        second.put("birthday", "1985-04-15");
        long annaWork = ContactPagesTest.create(me, second);
        long bob = ContactPagesTest.create(me, ContactPagesTest.contact("Bob", "One", "bob@example.com", ""));
        long bobToo = ContactPagesTest.create(me, ContactPagesTest.contact("Robert", "One", "BOB@example.com", ""));
        long alone = ContactPagesTest.create(me, ContactPagesTest.contact("Cleo", "Alone", "cleo@example.com", "0171 555"));

        Page duplicates = me.get("/contacts/duplicates");
        assertThat(duplicates.body()).contains("+49301234567", "bob@example.com", "Merge these");
        assertThat(ContactPagesTest.listed(duplicates)).containsExactly(anna, annaWork, bob, bobToo);
        // Each person in a group can be left out of the merge: they are ticked, not hidden.
        assertThat(duplicates.body()).contains("type=\"checkbox\" name=\"id\" value=\"" + anna + "\" checked");

        Page merged = me.post("/contacts/merge", Map.of("id", Long.toString(anna)));
        assertThat(merged.status()).as("one contact is no merge").isEqualTo(400);
        assertThat(merged.body()).contains("Choose at least two contacts to merge.");

        Page done = me.post("/contacts/merge?id=" + annaWork + "&id=" + anna, Map.of());
        assertThat(done.location()).isEqualTo("/contacts/" + anna + "?merged");
        assertThat(me.get("/contacts/" + anna + "?merged").body()).contains("Merged: every distinct");
        String page = me.get("/contacts/" + anna).body();
        assertThat(page).doesNotContain("Merged: every distinct");
        assertThat(page).contains("<h1>Anna Schmidt</h1>", "anna@example.com", "anna.s@work.example", "Acme",
                "15 April 1985", ">family<", ">work<", "Knows the way.\n\nPrefers mornings.");
        assertThat(page.split("tel:\\+49301234567", -1)).as("the shared number once").hasSize(2);
        assertThat(page).doesNotContain(">Family<");
        assertThat(me.get("/contacts/" + annaWork).status()).isEqualTo(404);
        assertThat(ContactPagesTest.listed(me.get("/contacts/duplicates"))).containsExactly(bob, bobToo);
        assertThat(ContactPagesTest.listed(me.get("/contacts"))).containsExactly(anna, bob, alone, bobToo);
    }

    @Test
    void importOffersCardsThatShareAnAddressWithAnotherNameForMerging() {
        TestBrowser me = new TestBrowser(client).signUp(TestBrowser.uniqueName("dupes"), "a long and unusual passphrase",
                "basic");
        long ada = ContactPagesTest.create(me, ContactPagesTest.contact("Augusta", "King", "ada@engine.example", ""));
        Page report = ContactImportTest.importFile(me, "apple.vcf", ContactImportTest.fixture("apple.vcf"));
        assertThat(report.body()).contains("2 imported, 0 merged",
                "Two or more contacts share an email or a phone number: review them for merging.");
        long lovelace = ContactImportTest.idOf(me, "lovelace");
        assertThat(ContactPagesTest.listed(me.get("/contacts/duplicates"))).containsExactly(ada, lovelace);

        // The same name with a shared address is merged on import, in the same file or across imports.
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@engine.example\r\n"
                + "TEL;TYPE=WORK:+44 20 7946 0999\r\nEND:VCARD\r\n";
        Page again = ContactImportTest.importFile(me, "ada.vcf", card.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(again.body()).contains("0 imported, 1 merged", "Merged into “Ada Lovelace”");
        assertThat(me.get("/contacts/" + lovelace).body()).contains("+442079460999", "+14155550100");
        // Augusta King, Ada Lovelace and Apple Inc.: nothing was added twice.
        assertThat(ContactPagesTest.listed(me.get("/contacts"))).hasSize(3).contains(ada, lovelace);
    }
}
