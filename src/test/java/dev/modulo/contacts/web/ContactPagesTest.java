package dev.modulo.contacts.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, editing, listing, searching and deleting contacts through the pages. */
@ModuloIntegrationTest
class ContactPagesTest {

    static final Pattern CONTACT_LOCATION = Pattern.compile("/contacts/(\\d+)");
    static final Pattern CONTACT_ID = Pattern.compile("data-contact-id=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    TestBrowser signUp() {
        // Signs up with phone region DE (see TestBrowser.signUp).
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("people"), "a long and unusual passphrase", "basic");
    }

    static Map<String, String> contact(String given, String family, String email, String phone) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenName", given);
        form.put("familyName", family);
        form.put("emailType", "work");
        form.put("emailLabel", "");
        form.put("emailValue", email);
        form.put("phoneType", "mobile");
        form.put("phoneLabel", "");
        form.put("phoneValue", phone);
        return form;
    }

    static long create(TestBrowser browser, Map<String, String> form) {
        Page page = browser.post("/contacts/new", form);
        assertThat(page.status()).as(page.body()).isEqualTo(303);
        Matcher id = CONTACT_LOCATION.matcher(String.valueOf(page.location()));
        assertThat(id.matches()).isTrue();
        return Long.parseLong(id.group(1));
    }

    static List<Long> listed(Page page) {
        return CONTACT_ID.matcher(page.body()).results().map(match -> Long.parseLong(match.group(1))).toList();
    }

    @Test
    void aContactIsCreatedShownEditedAndDeletedAfterAsking() {
        TestBrowser me = signUp();
        Map<String, String> form = contact("Anna", "Schmidt", "anna@example.com", "030/1234567");
        form.put("organization", "Acme GmbH");
        form.put("title", "Engineer");
        form.put("birthday", "1985-04-15");
        form.put("tags", "family, Berlin");
        form.put("notes", "Met at the conference.");
        long id = create(me, form);

        Page shown = me.get("/contacts/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("Merged:");
        assertThat(me.get("/contacts").body()).doesNotContain("The contact was deleted.");
        assertThat(shown.body()).contains("<h1>Anna Schmidt</h1>", "anna@example.com", "030/1234567", "+49301234567",
                "Acme GmbH", "Engineer", "15 April 1985", ">family<", ">Berlin<", "Met at the conference.")
                .doesNotContain("not normalised");

        Page edit = me.get("/contacts/" + id + "/edit");
        assertThat(edit.body()).contains("value=\"Anna\"", "value=\"anna@example.com\"", "value=\"030/1234567\"");

        Map<String, String> changed = contact("Anna", "Schmidt-Meyer", "anna@example.com", "030/1234567");
        assertThat(me.post("/contacts/" + id + "/edit", changed).location()).isEqualTo("/contacts/" + id);
        assertThat(me.get("/contacts/" + id).body()).contains("<h1>Anna Schmidt-Meyer</h1>").doesNotContain("Acme GmbH");

        Page confirm = me.get("/contacts/" + id + "/delete");
        assertThat(confirm.body()).contains("Delete this contact?", "Anna Schmidt-Meyer");
        assertThat(me.get("/contacts/" + id).status()).isEqualTo(200);
        assertThat(me.post("/contacts/" + id + "/delete", Map.of()).location()).isEqualTo("/contacts?deleted");
        assertThat(me.get("/contacts?deleted").body()).contains("The contact was deleted.");
        assertThat(me.get("/contacts/" + id).status()).isEqualTo(404);
    }

    @Test
    void addingAnotherPhoneIsOneClickWithoutScriptAndKeepsWhatWasTyped() {
        TestBrowser me = signUp();
        Page fresh = me.get("/contacts/new");
        assertThat(fresh.body().split("name=\"phoneValue\"", -1)).hasSize(2);

        Map<String, String> form = contact("Ben", "Okafor", "", "+44 20 7946 0958");
        form.put("add", "phone");
        Page more = me.post("/contacts/new", form);
        assertThat(more.status()).isEqualTo(200);
        assertThat(more.body()).contains("value=\"Ben\"", "value=\"+44 20 7946 0958\"");
        assertThat(more.body().split("name=\"phoneValue\"", -1)).as("the typed row and one more").hasSize(3);
        assertThat(more.body().split("name=\"emailValue\"", -1)).hasSize(2);
    }

    @Test
    void badInputComesBackWithMessagesAndNothingIsSaved() {
        TestBrowser me = signUp();
        Map<String, String> form = contact("", "", "not-an-address", "");
        form.put("birthday", "15.04.1985");
        Page page = me.post("/contacts/new", form);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Give the contact a name", "does not look like an email address",
                "Write the date as 1985-04-15", "value=\"not-an-address\"");

        Map<String, String> tooLong = contact("x".repeat(10_000), "", "", "");
        Page longPage = me.post("/contacts/new", tooLong);
        assertThat(longPage.status()).isEqualTo(400);
        assertThat(longPage.body()).contains("The given name is 10000 characters long");
        assertThat(me.get("/contacts").body()).contains("No contacts yet");
    }

    @Test
    void anInvalidPhoneIsKeptAsTypedAndMarkedNotNormalised() {
        TestBrowser me = signUp();
        long id = create(me, contact("Cleo", "Park", "", "12-34"));
        assertThat(me.get("/contacts/" + id).body()).contains("12-34", "not normalised");
        assertThat(listed(me.get("/contacts?q={q}", "1234"))).containsExactly(id);
    }

    @Test
    void searchFindsContactByAnyPhoneFormat() {
        TestBrowser me = signUp();
        long anna = create(me, contact("Anna", "Schmidt", "anna@example.com", "030/1234567"));
        long bob = create(me, contact("Bob", "Miller", "bob@miller.example", "+1 (415) 555-0100"));

        for (String query : List.of("004930 1234567", "+49 30 1234567", "030 1234567", "+49301234567", "1234567")) {
            assertThat(listed(me.get("/contacts?q={q}", query))).as(query).containsExactly(anna);
        }
        for (String query : List.of("+1 (415) 555-0100", "001 415 555 0100", "415.555.0100", "555-0100")) {
            assertThat(listed(me.get("/contacts?q={q}", query))).as(query).containsExactly(bob);
        }

        // In the United States, a national number is read as one from there.
        me.post("/account/preferences", Map.of("timeZone", "America/Los_Angeles", "phoneRegion", "US"));
        long carol = create(me, contact("Carol", "Jones", "", "(650) 253-0000"));
        assertThat(me.get("/contacts/" + carol).body()).contains("+16502530000");
        assertThat(listed(me.get("/contacts?q={q}", "+1 650 253 0000"))).containsExactly(carol);
        assertThat(listed(me.get("/contacts?q={q}", "(415) 555-0100"))).containsExactly(bob);
        assertThat(listed(me.get("/contacts?q={q}", "+49 30 1234567"))).containsExactly(anna);
    }

    @Test
    void searchFindsByAnyPartOfTheNameEmailOrganisationAndTag() {
        TestBrowser me = signUp();
        Map<String, String> annaForm = contact("Anna", "Schmidt", "anna@example.com", "");
        annaForm.put("organization", "Acme GmbH");
        annaForm.put("tags", "climbing");
        long anna = create(me, annaForm);
        Map<String, String> joseForm = contact("José", "Müller", "jm@firma.example", "");
        joseForm.put("nickname", "Pepe");
        long jose = create(me, joseForm);

        assertThat(listed(me.get("/contacts?q={q}", "schmi"))).containsExactly(anna);
        assertThat(listed(me.get("/contacts?q={q}", "ACME"))).containsExactly(anna);
        assertThat(listed(me.get("/contacts?q={q}", "climb"))).containsExactly(anna);
        assertThat(listed(me.get("/contacts?q={q}", "example.com"))).containsExactly(anna);
        assertThat(listed(me.get("/contacts?q={q}", "jose"))).containsExactly(jose);
        assertThat(listed(me.get("/contacts?q={q}", "Müller"))).containsExactly(jose);
        assertThat(listed(me.get("/contacts?q={q}", "pepe"))).containsExactly(jose);
        assertThat(listed(me.get("/contacts?q={q}", "firma"))).containsExactly(jose);
        assertThat(listed(me.get("/contacts?q={q}", "100%"))).isEmpty();
        assertThat(listed(me.get("/contacts?q={q}", "nobody"))).isEmpty();
        // A NUL is not a search PostgreSQL accepts: it is dropped like any control character.
        assertThat(listed(me.get("/contacts?q={q}", "schm\u0000i"))).containsExactly(anna);
        assertThat(me.get("/contacts?q={q}", "415\u0000555").status()).isEqualTo(200);
    }

    @Test
    void theListIsAlphabeticalWithFavouritesOnTopAndALetterIndex() {
        TestBrowser me = signUp();
        long zoe = create(me, contact("Zoë", "Adams", "", ""));
        long adam = create(me, contact("Adam", "Zed", "", ""));
        long mia = create(me, contact("Mia", "Lopez", "", ""));
        long digits = create(me, Map.of("displayName", "42 Pizza"));
        assertThat(listed(me.get("/contacts"))).containsExactly(digits, adam, mia, zoe);

        assertThat(me.post("/contacts/" + zoe + "/favourite", Map.of("favourite", "true")).location())
                .isEqualTo("/contacts/" + zoe);
        Page list = me.get("/contacts");
        assertThat(listed(list)).containsExactly(zoe, digits, adam, mia);
        assertThat(list.body()).contains("Favourites", "id=\"letter-A\"", "id=\"letter-M\"");

        assertThat(listed(me.get("/contacts?letter=M"))).containsExactly(mia);
        assertThat(listed(me.get("/contacts?letter=%23"))).containsExactly(digits);
    }

    @Test
    void aPhotoIsUploadedAsASmallThumbnailAndCanBeRemoved() throws Exception {
        TestBrowser me = signUp();
        long id = create(me, contact("Pia", "Photo", "", ""));
        me.get("/contacts/" + id);
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(800, 600,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);

        Page uploaded = me.upload("/contacts/" + id + "/photo", Map.of("pia.png", png.toByteArray()), false);
        assertThat(uploaded.location()).isEqualTo("/contacts/" + id);
        var photo = me.getBytes("/contacts/" + id + "/photo", new org.springframework.http.HttpHeaders());
        assertThat(photo.getResponseHeaders().getContentType().toString()).isEqualTo("image/jpeg");
        java.awt.image.BufferedImage thumbnail = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(photo.getResponseBody()));
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(120);

        Page notAPicture = me.upload("/contacts/" + id + "/photo",
                Map.of("notes.png", "just text".getBytes(java.nio.charset.StandardCharsets.UTF_8)), false);
        assertThat(notAPicture.status()).isEqualTo(400);
        assertThat(notAPicture.body()).contains("That is not a picture Modulo can read");

        Page tooLarge = me.upload("/contacts/" + id + "/photo", Map.of("big.png", new byte[3 * 1024 * 1024]), false);
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("The photo is larger than 2 MB");

        assertThat(me.post("/contacts/" + id + "/photo/delete", Map.of()).location()).isEqualTo("/contacts/" + id);
        assertThat(me.getBytes("/contacts/" + id + "/photo", new org.springframework.http.HttpHeaders()).getStatus().value())
                .isEqualTo(404);
    }
}
