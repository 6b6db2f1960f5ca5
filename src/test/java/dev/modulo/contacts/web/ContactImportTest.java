package dev.modulo.contacts.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing .vcf files as Google, Apple, Outlook and Thunderbird write them, and files that cannot be. */
@ModuloIntegrationTest
class ContactImportTest {

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("vcards"), "a long and unusual passphrase", "basic");
    }

    static byte[] fixture(String name) {
        try (InputStream in = ContactImportTest.class.getResourceAsStream("/contacts/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Page importFile(TestBrowser browser, String name, byte[] bytes) {
        browser.get("/contacts/import");
        return browser.upload("/contacts/import", Map.of(name, bytes), false);
    }

    static long idOf(TestBrowser browser, String query) {
        List<Long> ids = ContactPagesTest.listed(browser.get("/contacts?q={q}", query));
        assertThat(ids).as("contacts found for %s", query).hasSize(1);
        return ids.get(0);
    }

    @Test
    void googleStyleCardsKeepTheirLabelsFoldedNotesAndStar() {
        TestBrowser me = signUp();
        Page report = importFile(me, "google.vcf", fixture("google.vcf"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("2 cards read — 2 imported, 0 merged, 0 skipped", "Grace Hopper", "Alan Turing",
                "all or nothing");

        long grace = idOf(me, "grace");
        String page = me.get("/contacts/" + grace).body();
        assertThat(page).contains("<h1>Grace Hopper</h1>",
                "“Amazing Grace”", "grace@navy.example", "Email (home)", "ghopper@cobol.example", "Email (work)",
                "Phone (mobile)", "+12025550143", "Phone (Boat)", "+442079460018", "1 Navy Way", "22202 Arlington VA",
                "Web (BLOG)", "https://grace.example/blog", "US Navy", "9 December 1906",
                "Invented the first compiler. This note is long enough that Google folds it across two lines.",
                ">Pioneers<", "Remove from favourites")
                .doesNotContain(">myContacts<", ">starred<");
        assertThat(me.get("/contacts/" + idOf(me, "turing")).body()).contains("Email (work)", "alan@bletchley.example");
        // Starred in Google: a favourite, listed first.
        assertThat(ContactPagesTest.listed(me.get("/contacts")).get(0)).isEqualTo(grace);
    }

    @Test
    void appleStyleCardsBringTheirBase64PhotoLabelsAndYearlessBirthday() {
        TestBrowser me = signUp();
        Page report = importFile(me, "apple.vcf", fixture("apple.vcf"));
        assertThat(report.body()).contains("2 cards read — 2 imported");

        long ada = idOf(me, "lovelace");
        String page = me.get("/contacts/" + ada).body();
        assertThat(page).contains("Ada Lovelace", "Analytical Engines Ltd.", "Programmer", "Email (other)",
                "ada@engine.example", "Phone (mobile)", "030 9876543", "+49309876543", "+14155550100",
                "Phone (Workshop)", "12 St James&#39;s Square", "SW1Y 4JH London", "United Kingdom", "10 December",
                "12 June 2010", "/contacts/" + ada + "/photo");
        EntityExchangeResult<byte[]> photo = me.getBytes("/contacts/" + ada + "/photo", new HttpHeaders());
        assertThat(photo.getStatus().value()).isEqualTo(200);
        assertThat(photo.getResponseHeaders().getContentType().toString()).isEqualTo("image/jpeg");
        assertThat(photo.getResponseBody()).startsWith((byte) 0xFF, (byte) 0xD8);

        long apple = idOf(me, "apple inc");
        assertThat(me.get("/contacts/" + apple).body()).contains("<h1>Apple Inc.</h1>", "Phone (Main)",
                "1-800-275-2273", "Web (HomePage)");
    }

    @Test
    void outlookVersion21QuotedPrintableAndCharsetsAreDecoded() {
        TestBrowser me = signUp();
        Page report = importFile(me, "outlook.vcf", fixture("outlook.vcf"));
        assertThat(report.body()).contains("1 cards read — 1 imported");

        String page = me.get("/contacts/" + idOf(me, "jürgen")).body();
        assertThat(page).contains("<h1>Jürgen Müller</h1>", "Contoso GmbH", "Geschäftsführer", "Phone (work)",
                "+49891234560", "Phone (mobile)", "+491712345678", "Phone (work fax)", "Hauptstraße 5",
                "80331 München Bayern", "Deutschland", "juergen.mueller@contoso.example", "1 January 1970", "12 June 2010",
                "Erste Zeile", "Zweite Zeile mit Ärger und soft line break");
    }

    @Test
    void thunderbirdVersion40CardsAreRead() {
        TestBrowser me = signUp();
        Page report = importFile(me, "thunderbird.vcf", fixture("thunderbird.vcf"));
        assertThat(report.body()).contains("1 cards read — 1 imported");

        String page = me.get("/contacts/" + idOf(me, "torvalds")).body();
        assertThat(page).contains("Linus Torvalds", "linus@kernel.example", "torvalds@osdl.example", "+15035550199",
                "Phone (home)", "+35891234567", "1 Kernel Road", "Web (work)", "https://kernel.example", "28 December 1969",
                "1 January 1997", "Likes penguins.\nAnd small kernels.", ">Kernel<", ">Friends<", "Linux Foundation", "Fellow");
    }

    @Test
    void badCardsAreSkippedOrCorrectedWithAReasonForEach() {
        TestBrowser me = signUp();
        Page report = importFile(me, "bad-cards.vcf", fixture("bad-cards.vcf"));
        assertThat(report.status()).isEqualTo(200);
        String body = report.body();
        assertThat(body).contains("5 cards read — 3 imported, 0 merged, 2 skipped",
                "Card 2", "It has no name: no FN, N, NICKNAME or ORG.",
                "Card 3 (Overlong Organisation)", "The organisation is 10000 characters long; keep it under 300.",
                "“not-an-email” is not an email address; it was left out.",
                "The birthday “yesterday” is not a date; it was left out.",
                "The type “x-satellite” is not one Modulo knows; it is kept as the label “satellite”.");

        String odd = me.get("/contacts/" + idOf(me, "odd numbers")).body();
        assertThat(odd).contains("call me maybe", "not normalised");
        String sam = me.get("/contacts/" + idOf(me, "satellite sam")).body();
        assertThat(sam).contains("Phone (satellite)", "+881612345678");
        assertThat(ContactPagesTest.listed(me.get("/contacts?q={q}", "Overlong"))).isEmpty();
    }

    @Test
    void aFileThatIsNotAVCardImportsNothingAndSaysSo() {
        TestBrowser me = signUp();
        Page report = importFile(me, "contacts.csv", fixture("not-a-vcard.vcf"));
        assertThat(report.status()).isEqualTo(400);
        assertThat(report.body()).contains("This is not a vCard file", "Nothing was imported.");

        Page binary = importFile(me, "photo.vcf", Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="));
        assertThat(binary.status()).isEqualTo(400);
        assertThat(binary.body()).contains("This is not a vCard file");

        Page empty = importFile(me, "empty.vcf", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(me.get("/contacts").body()).contains("No contacts yet");
    }

    @Test
    void overTheCapsNothingIsImportedAndTheMessageSaysWhy() {
        TestBrowser me = signUp();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_001; i++) {
            many.append("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P").append(i).append("\r\nEND:VCARD\r\n");
        }
        Page tooMany = importFile(me, "many.vcf", many.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("This file holds 20001 cards; at most 20000 can be imported at once.",
                "Nothing was imported.");

        byte[] huge = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        Page tooLarge = importFile(me, "huge.vcf", huge);
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("This file is larger than 20 MB, the most accepted; nothing was imported.");

        byte[] bigPhoto = new byte[2 * 1024 * 1024 + 10];
        new java.util.Random(7).nextBytes(bigPhoto);
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Picture\r\nPHOTO;ENCODING=b;TYPE=JPEG:"
                + Base64.getEncoder().encodeToString(bigPhoto) + "\r\nEND:VCARD\r\n";
        Page photo = importFile(me, "photo.vcf", card.getBytes(StandardCharsets.US_ASCII));
        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.body()).contains("1 imported", "more than the 2048 KB accepted; it was left out.");
        assertThat(ContactPagesTest.listed(me.get("/contacts"))).hasSize(1);
    }

    @Test
    void importingTheSameFileAgainMergesInsteadOfDoubling() {
        TestBrowser me = signUp();
        importFile(me, "apple.vcf", fixture("apple.vcf"));
        importFile(me, "google.vcf", fixture("google.vcf"));
        List<Long> before = ContactPagesTest.listed(me.get("/contacts"));
        String adaBefore = facts(me.get("/contacts/" + idOf(me, "lovelace")).body());

        Page again = importFile(me, "apple.vcf", fixture("apple.vcf"));
        assertThat(again.body()).contains("2 cards read — 0 imported, 2 merged, 0 skipped", "Merged into “Ada Lovelace”");
        assertThat(ContactPagesTest.listed(me.get("/contacts"))).containsExactlyElementsOf(before);
        assertThat(facts(me.get("/contacts/" + idOf(me, "lovelace")).body())).isEqualTo(adaBefore);
    }

    /** What a contact's page says about them (without the page's changing CSRF tokens). */
    static String facts(String page) {
        return page.substring(page.indexOf("<h1>"), page.indexOf("<div class=\"buttons\">"))
                + page.substring(page.indexOf("<dl class=\"facts"), page.indexOf("</dl>"))
                + (page.contains("contact-notes") ? page.substring(page.indexOf("contact-notes"), page.indexOf("</main>")) : "");
    }
}
