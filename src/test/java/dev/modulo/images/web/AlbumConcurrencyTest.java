package dev.modulo.images.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.images.AlbumService;
import dev.modulo.testing.Interleaving;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static dev.modulo.images.web.ImagePagesTest.uniqueJpeg;
import static dev.modulo.images.web.ImagePagesTest.uploadedId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tabs at once on one album: the cover and the share link never undo a rename made meanwhile,
 * share clicks at once make one link (none shown a link that another click then replaced), and a
 * rename from a stale page is answered 409.
 */
@ModuloIntegrationTest
class AlbumConcurrencyTest {

    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    ConnectionFactory database;

    @Autowired
    DatabaseClient db;

    @Autowired
    AlbumService albums;

    @Autowired
    AccountService accounts;

    String username;

    TestBrowser signUp() {
        username = TestBrowser.uniqueName("album");
        return new TestBrowser(client)
                .signUp(username, "a long and unusual passphrase", "basic");
    }

    String column(long album, String column) {
        return db.sql("SELECT " + column + " FROM album WHERE id = :id").bind("id", album)
                .map(row -> String.valueOf(row.get(column, Object.class))).one().block();
    }

    @Test
    void settingTheCoverWhileAnotherTabRenamesKeepsTheNewName() {
        TestBrowser owner = signUp();
        long picture = uploadedId(owner.upload("/images", Map.of("a.jpg", uniqueJpeg()), true));
        long album = AlbumsAndSharingTest.createAlbum(owner, "Summer");
        owner.post("/images/" + picture + "/albums", Map.of("albumId", String.valueOf(album)));

        Page cover = Interleaving.saveAWhile(database,
                "UPDATE album SET name = 'Summer 2026', version = version + 1 WHERE id = " + album,
                () -> owner.post("/images/albums/" + album + "/cover", Map.of("imageId", String.valueOf(picture))));

        assertThat(cover.status()).isEqualTo(303);
        assertThat(column(album, "name")).isEqualTo("Summer 2026");
        assertThat(column(album, "cover_image_id")).isEqualTo(String.valueOf(picture));
    }

    @Test
    void sharingWhileAnotherTabRenamesKeepsTheNewName() {
        TestBrowser owner = signUp();
        long album = AlbumsAndSharingTest.createAlbum(owner, "Winter");

        Interleaving.saveAWhile(database,
                "UPDATE album SET name = 'Winter 2026', version = version + 1 WHERE id = " + album,
                () -> owner.post("/images/albums/" + album + "/share", Map.of()));

        assertThat(column(album, "name")).isEqualTo("Winter 2026");
        assertThat(column(album, "share_token")).isNotEqualTo("null");
    }

    @Test
    void shareClicksAtOnceMakeOneLinkAndEachClickIsShownThatLink() {
        TestBrowser owner = signUp();
        long album = AlbumsAndSharingTest.createAlbum(owner, "Party");
        long accountId = accounts.findByUsername(username).block().id();

        List<String> shown = Flux.merge(Flux.range(0, 5).map(i -> albums.share(accountId, album)))
                .map(shared -> shared.shareToken())
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(shown).hasSize(5).containsOnly(column(album, "share_token"));
        String link = AlbumsAndSharingTest.shareLinkIn(owner.get("/images/albums/" + album));
        assertThat(new TestBrowser(client).get(link).status()).isEqualTo(200);
    }

    @Test
    void aRenameFromAStalePageIsAnswered409WithTheTypedName() {
        TestBrowser owner = signUp();
        long album = AlbumsAndSharingTest.createAlbum(owner, "Trip");
        String tabA = version(owner.get("/images/albums/" + album));
        String tabB = version(owner.get("/images/albums/" + album));

        assertThat(owner.post("/images/albums/" + album + "/rename", Map.of("name", "Trip to Rome", "version", tabA))
                .status()).isEqualTo(303);
        Page stale = owner.post("/images/albums/" + album + "/rename", Map.of("name", "Trip to Paris", "version", tabB));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("This was changed elsewhere", "value=\"Trip to Paris\"");
        assertThat(column(album, "name")).isEqualTo("Trip to Rome");
    }

    static String version(Page page) {
        Matcher version = VERSION.matcher(page.body());
        assertThat(version.find()).as("a version field in %s", page.body()).isTrue();
        return version.group(1);
    }
}
