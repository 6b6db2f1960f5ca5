package dev.modulo.images.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.images.TestImages;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.modulo.images.web.ImagePagesTest.uniqueJpeg;
import static dev.modulo.images.web.ImagePagesTest.uploadedId;
import static org.assertj.core.api.Assertions.assertThat;

/** Albums, and share links that work without an account until they are revoked. */
@ModuloIntegrationTest
class AlbumsAndSharingTest {

    static final Pattern ALBUM_LOCATION = Pattern.compile("/images/albums/(\\d+)");
    static final Pattern SHARE_LINK = Pattern.compile("http://localhost:8080(/shared/(?:albums|images)/[A-Za-z0-9_-]{43})");

    @Autowired
    WebTestClient client;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    TestBrowser signUp() {
        return new TestBrowser(client).signUp(TestBrowser.uniqueName("album"), "a long and unusual passphrase", "basic");
    }

    static long createAlbum(TestBrowser browser, String name) {
        Matcher id = ALBUM_LOCATION.matcher(String.valueOf(browser.post("/images/albums", Map.of("name", name)).location()));
        assertThat(id.matches()).isTrue();
        return Long.parseLong(id.group(1));
    }

    static String shareLinkIn(Page page) {
        Matcher link = SHARE_LINK.matcher(page.body());
        assertThat(link.find()).as("a share link on the page").isTrue();
        return link.group(1);
    }

    @Test
    void aLargeAlbumShowsFortyEightPicturesAPageOwnedOrShared() {
        String username = TestBrowser.uniqueName("album");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        long album = createAlbum(owner, "Everything");
        long accountId = db.sql("SELECT id FROM account WHERE username = :username").bind("username", username)
                .map((row, meta) -> row.get("id", Long.class)).one().block();
        java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            long image = db.sql("""
                            INSERT INTO image (account_id, sha256, media_type, thumbnail_type, original_name, size_bytes,
                            width, height, caption, tags, uploaded_at, sort_at)
                            VALUES (:account, :sha, 'image/png', 'image/png', :name, 100, 10, 10, '', '', :at, :at)""")
                    .bind("account", accountId).bind("sha", String.format("%064x", i + 1))
                    .bind("name", "picture-" + i + ".png").bind("at", start.plusSeconds(i))
                    .filter(statement -> statement.returnGeneratedValues("id"))
                    .map((row, meta) -> row.get("id", Long.class)).one().block();
            assertThat(owner.post("/images/" + image + "/albums", Map.of("albumId", Long.toString(album))).status())
                    .isEqualTo(303);
        }

        Page first = owner.get("/images/albums/" + album);
        assertThat(first.body().split("data-image-id=", -1)).hasSize(49);
        assertThat(first.body()).contains("picture-49.png", "page=2").doesNotContain("picture-1.png\"");
        Page second = owner.get("/images/albums/" + album + "?page=2");
        assertThat(second.body().split("data-image-id=", -1)).hasSize(3);
        assertThat(second.body()).contains("picture-1.png", "picture-0.png", "page=1");

        assertThat(owner.post("/images/albums/" + album + "/share", Map.of()).status()).isEqualTo(303);
        java.util.regex.Matcher link = SHARE_LINK.matcher(owner.get("/images/albums/" + album).body());
        assertThat(link.find()).isTrue();
        Page shared = new TestBrowser(client).get(link.group(1));
        assertThat(shared.body()).contains("50 pictures, shared with you.", "page=2");
        assertThat(shared.body().split("/thumbnail/320", -1)).hasSize(49);
    }

    @Test
    void anAlbumIsCreatedFilledGivenACoverRenamedAndDeletedWhileItsImagesStay() {
        TestBrowser owner = signUp();
        long first = uploadedId(owner.upload("/images", Map.of("a.jpg", uniqueJpeg()), true));
        long second = uploadedId(owner.upload("/images", Map.of("b.jpg", uniqueJpeg()), true));
        long album = createAlbum(owner, "Summer");

        owner.post("/images/" + first + "/albums", Map.of("albumId", String.valueOf(album)));
        owner.post("/images/" + second + "/albums", Map.of("albumId", String.valueOf(album)));
        owner.post("/images/" + second + "/albums", Map.of("albumId", String.valueOf(album)));
        Page page = owner.get("/images/albums/" + album);
        assertThat(page.body()).contains("data-image-id=\"" + first + "\"", "data-image-id=\"" + second + "\"");
        assertThat(owner.get("/images/" + first).body()).contains(">Summer</a>");
        assertThat(owner.get("/images").body()).contains(">Summer</a>");

        owner.post("/images/albums/" + album + "/cover", Map.of("imageId", String.valueOf(second)));
        assertThat(owner.get("/images/albums/" + album).body()).contains("cover");
        owner.post("/images/albums/" + album + "/rename", Map.of("name", "Summer 2026"));
        owner.post("/images/albums/" + album + "/remove", Map.of("imageId", String.valueOf(first)));
        Page renamed = owner.get("/images/albums/" + album);
        assertThat(renamed.body()).contains("<h1>Summer 2026</h1>").doesNotContain("data-image-id=\"" + first + "\"");

        assertThat(owner.get("/images/albums/" + album + "/delete").body()).contains("its pictures stay");
        owner.post("/images/albums/" + album + "/delete", Map.of());
        assertThat(owner.get("/images/albums/" + album).status()).isEqualTo(404);
        assertThat(owner.get("/images/" + first).status()).isEqualTo(200);
        assertThat(owner.get("/images/" + second).status()).isEqualTo(200);
    }

    @Test
    void anAlbumNeedsAName() {
        Page page = signUp().post("/images/albums", Map.of("name", "  "));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Give the album a name.");
    }

    @Test
    void aSharedAlbumOpensForAnyoneUntilItsLinkIsRevoked() {
        TestBrowser owner = signUp();
        long inside = uploadedId(owner.upload("/images", Map.of("in.jpg", uniqueJpeg()), true));
        long outside = uploadedId(owner.upload("/images", Map.of("out.jpg", uniqueJpeg()), true));
        long album = createAlbum(owner, "For the family");
        owner.post("/images/" + inside + "/albums", Map.of("albumId", String.valueOf(album)));
        owner.post("/images/albums/" + album + "/share", Map.of());
        String link = shareLinkIn(owner.get("/images/albums/" + album));

        TestBrowser stranger = new TestBrowser(client);
        Page shared = stranger.get(link);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.body()).contains("For the family", link + "/" + inside + "/thumbnail/320");
        assertThat(shared.headers().getFirst("X-Robots-Tag")).isEqualTo("noindex");
        assertThat(stranger.get(link + "/" + inside).status()).isEqualTo(200);
        assertThat(stranger.getBytes(link + "/" + inside + "/thumbnail/320", new HttpHeaders()).getStatus().value()).isEqualTo(200);
        assertThat(stranger.getBytes(link + "/" + inside + "/original", new HttpHeaders()).getStatus().value()).isEqualTo(200);
        assertThat(stranger.get(link + "/" + outside).status()).as("not in the album").isEqualTo(404);
        assertThat(stranger.get(link + "/" + outside + "/thumbnail/320").status()).isEqualTo(404);

        owner.post("/images/albums/" + album + "/unshare", Map.of());
        assertThat(stranger.get(link).status()).isEqualTo(404);
        assertThat(stranger.get(link + "/" + inside + "/thumbnail/320").status()).isEqualTo(404);

        owner.post("/images/albums/" + album + "/share", Map.of());
        assertThat(shareLinkIn(owner.get("/images/albums/" + album))).as("a new link").isNotEqualTo(link);
    }

    @Test
    void aSingleImageCanBeSharedAndRevoked() {
        TestBrowser owner = signUp();
        long id = uploadedId(owner.upload("/images", Map.of("one.jpg", uniqueJpeg()), true));

        owner.post("/images/" + id + "/share", Map.of());
        String link = shareLinkIn(owner.get("/images/" + id));
        TestBrowser stranger = new TestBrowser(client);
        assertThat(stranger.get(link).status()).isEqualTo(200);
        EntityExchangeResult<byte[]> thumbnail = stranger.getBytes(link + "/thumbnail/1280", new HttpHeaders());
        assertThat(thumbnail.getStatus().value()).isEqualTo(200);
        assertThat(thumbnail.getResponseHeaders().getCacheControl()).isEqualTo("no-cache, public");
        // The second time it is the kept copy: the same bytes, no gzip of a picture, and 304 when unchanged.
        HttpHeaders identity = new HttpHeaders();
        identity.set(HttpHeaders.ACCEPT_ENCODING, "gzip");
        EntityExchangeResult<byte[]> again = stranger.getBytes(link + "/thumbnail/1280", identity);
        assertThat(again.getResponseBody()).isEqualTo(thumbnail.getResponseBody());
        assertThat(again.getResponseHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(again.getResponseHeaders().getFirst("X-Robots-Tag")).isEqualTo("noindex");
        HttpHeaders conditional = new HttpHeaders();
        conditional.setIfNoneMatch(thumbnail.getResponseHeaders().getETag());
        assertThat(stranger.getBytes(link + "/thumbnail/1280", conditional).getStatus().value()).isEqualTo(304);

        owner.post("/images/" + id + "/unshare", Map.of());
        assertThat(stranger.get(link).status()).isEqualTo(404);
        assertThat(stranger.getBytes(link + "/thumbnail/1280", new HttpHeaders()).getStatus().value())
                .as("the kept thumbnail goes with the share").isEqualTo(404);

        owner.post("/images/" + id + "/share", Map.of());
        String newLink = shareLinkIn(owner.get("/images/" + id));
        assertThat(stranger.getBytes(newLink + "/thumbnail/1280", new HttpHeaders()).getStatus().value()).isEqualTo(200);
        owner.post("/images/" + id + "/delete", Map.of());
        assertThat(stranger.getBytes(newLink + "/thumbnail/1280", new HttpHeaders()).getStatus().value())
                .as("nor does a deleted picture's").isEqualTo(404);
        assertThat(stranger.get("/shared/images/not-a-token").status()).isEqualTo(404);
        assertThat(stranger.get("/shared/albums/" + "x".repeat(43)).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountCannotSeeChangeFillOrShareTheOwnersAlbumsAndImages() {
        TwoAccounts two = TwoAccounts.signUp(client);
        long image = uploadedId(two.owner().upload("/images", Map.of("mine.jpg", TestImages.png(50, 50, 5)), true));
        long album = createAlbum(two.owner(), "Private");
        two.owner().post("/images/" + image + "/albums", Map.of("albumId", String.valueOf(album)));
        long intrudersImage = uploadedId(two.intruder().upload("/images", Map.of("theirs.jpg", uniqueJpeg()), true));
        long intrudersAlbum = createAlbum(two.intruder(), "Theirs");

        two.assertIntruderGets404(List.of(
                Route.get("/images/albums/" + album),
                Route.post("/images/albums/" + album + "/rename", Map.of("name", "Hijacked")),
                Route.post("/images/albums/" + album + "/cover", Map.of("imageId", String.valueOf(image))),
                Route.post("/images/albums/" + album + "/remove", Map.of("imageId", String.valueOf(image))),
                Route.post("/images/albums/" + album + "/share", Map.of()),
                Route.post("/images/albums/" + album + "/unshare", Map.of()),
                Route.get("/images/albums/" + album + "/delete"),
                Route.post("/images/albums/" + album + "/delete", Map.of()),
                Route.post("/images/" + intrudersImage + "/albums", Map.of("albumId", String.valueOf(album))),
                Route.post("/images/" + image + "/albums", Map.of("albumId", String.valueOf(intrudersAlbum))),
                Route.post("/images/" + image + "/share", Map.of()),
                Route.post("/images/" + image + "/unshare", Map.of())));

        Page ownersAlbum = two.owner().get("/images/albums/" + album);
        assertThat(ownersAlbum.body()).contains("<h1>Private</h1>", "data-image-id=\"" + image + "\"")
                .doesNotContain("data-image-id=\"" + intrudersImage + "\"", "Anyone with this link");
        assertThat(two.intruder().get("/images").body()).doesNotContain("Private");
        assertThat(two.intruder().get("/images/albums/" + intrudersAlbum).body()).doesNotContain("data-image-id");
    }

    @Test
    void theBlogEditorsPickerOffersPicturesAndSharingOneGivesAnAddressAnyoneCanOpen() {
        TestBrowser owner = signUp();
        long id = uploadedId(owner.upload("/images", Map.of("for-the-post.jpg", uniqueJpeg()), true));

        assertThat(owner.get("/blog/new").body()).contains("data-image-id=\"" + id + "\"");
        EntityExchangeResult<String> shared = client.post().uri("/images/" + id + "/share")
                .accept(MediaType.APPLICATION_JSON)
                .cookies(jar -> {
                    jar.add("SESSION", owner.cookie("SESSION"));
                    jar.add("XSRF-TOKEN", owner.cookie("XSRF-TOKEN"));
                })
                .header("X-CSRF-TOKEN", csrfOf(owner))
                .exchange()
                .expectBody(String.class)
                .returnResult();
        Matcher url = Pattern.compile("\"url\":\"(/shared/images/[A-Za-z0-9_-]{43}/thumbnail/1280)\"")
                .matcher(shared.getResponseBody());
        assertThat(url.find()).as(shared.getResponseBody()).isTrue();
        assertThat(shared.getResponseBody()).contains("\"alt\":\"for-the-post.jpg\"");
        assertThat(new TestBrowser(client).getBytes(url.group(1), new HttpHeaders()).getStatus().value()).isEqualTo(200);
    }

    private static String csrfOf(TestBrowser browser) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(browser.get("/images").body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }
}
