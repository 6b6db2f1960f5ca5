package dev.modulo.contacts.web;

import java.util.List;
import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Export → import (into another account) → export changes nothing; single contacts and tags export alone. */
@ModuloIntegrationTest
class ContactRoundTripTest {

    static final List<String> FIXTURES = List.of("google.vcf", "apple.vcf", "outlook.vcf", "thunderbird.vcf");

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("trip"), "a long and unusual passphrase", "basic");
    }

    @Test
    void exportImportExportChangesNothingInEitherVersion() {
        TestBrowser first = signUp();
        for (String fixture : FIXTURES) {
            ContactImportTest.importFile(first, fixture, ContactImportTest.fixture(fixture));
        }
        for (String version : List.of("3.0", "4.0")) {
            Page exported = first.get("/contacts/export?version=" + version);
            assertThat(exported.status()).isEqualTo(200);
            assertThat(exported.headers().getContentType().toString()).startsWith("text/vcard");
            assertThat(exported.headers().getFirst("Content-Disposition")).contains("attachment", "contacts.vcf");
            String text = exported.body();
            assertThat(text).contains("VERSION:" + version, "FN:Ada Lovelace", "FN:Jürgen Müller", "FN:Linus Torvalds",
                    "FN:Grace Hopper", "X-ABLabel:Boat", "PHOTO");
            assertThat(text.split("BEGIN:VCARD", -1)).hasSize(7);

            TestBrowser second = signUp();
            Page report = ContactImportTest.importFile(second, "contacts.vcf", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(report.body()).contains("6 cards read — 6 imported, 0 merged, 0 skipped");
            String again = second.get("/contacts/export?version=" + version).body();
            assertThat(again).as("version %s round trip", version).isEqualTo(text);

            // And the pages say the same about each person.
            long adaFirst = ContactImportTest.idOf(first, "lovelace");
            long adaSecond = ContactImportTest.idOf(second, "lovelace");
            assertThat(ContactImportTest.facts(second.get("/contacts/" + adaSecond).body())
                    .replace("/contacts/" + adaSecond + "/", "/contacts/ID/"))
                    .isEqualTo(ContactImportTest.facts(first.get("/contacts/" + adaFirst).body())
                            .replace("/contacts/" + adaFirst + "/", "/contacts/ID/"));
        }
    }

    @Test
    void oneContactOrOneTagExportsAlone() {
        TestBrowser me = signUp();
        ContactImportTest.importFile(me, "google.vcf", ContactImportTest.fixture("google.vcf"));
        ContactImportTest.importFile(me, "thunderbird.vcf", ContactImportTest.fixture("thunderbird.vcf"));
        Map<String, String> form = ContactPagesTest.contact("Zed", "Quiet", "zed@example.com", "");
        form.put("tags", "pioneers");
        ContactPagesTest.create(me, form);

        String pioneers = me.get("/contacts/export?version=4.0&tag=Pioneers").body();
        assertThat(pioneers).contains("FN:Grace Hopper", "FN:Alan Turing", "FN:Zed Quiet").doesNotContain("Torvalds");
        assertThat(pioneers.split("BEGIN:VCARD", -1)).hasSize(4);

        long linus = ContactImportTest.idOf(me, "torvalds");
        Page one = me.get("/contacts/" + linus + "/export?version=3.0");
        assertThat(one.headers().getFirst("Content-Disposition")).contains("contact-" + linus + ".vcf");
        assertThat(one.body()).contains("VERSION:3.0", "FN:Linus Torvalds", "UID:6f1d7a62-0c3b-4c8a-9d2e-1b2c3d4e5f60",
                "X-ANNIVERSARY:1997-01-01").doesNotContain("Grace");
        assertThat(one.body().split("BEGIN:VCARD", -1)).hasSize(2);
        assertThat(me.get("/contacts/" + linus + "/export?version=4.0").body()).contains("VERSION:4.0", "ANNIVERSARY:1997");
    }
}
