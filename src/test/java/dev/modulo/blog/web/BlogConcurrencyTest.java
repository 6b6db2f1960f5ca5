package dev.modulo.blog.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.accounts.AccountService;
import dev.modulo.testing.Interleaving;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several saves at once: five new posts with one title each get an address of their own (no
 * 5xx), and an editor shown before another save is answered 409 instead of undoing it.
 */
@ModuloIntegrationTest
class BlogConcurrencyTest {

    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    static final Pattern POST_ID = Pattern.compile("/blog/(\\d+)/edit\\?saved");

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionFactory database;

    @Autowired
    DatabaseClient db;

    String username;

    TestBrowser signUp() {
        username = TestBrowser.uniqueName("writer");
        return new TestBrowser(client)
                .signUp(username, "a long and unusual passphrase", "basic");
    }

    List<String> slugs() {
        long accountId = accounts.findByUsername(username).block().id();
        return db.sql("SELECT slug FROM blog_post WHERE account_id = :account ORDER BY slug")
                .bind("account", accountId)
                .map(row -> row.get("slug", String.class))
                .all()
                .collectList()
                .block();
    }

    static Map<String, String> post(String title, String body, String version) {
        return Map.of("title", title, "slug", "", "bodyMarkdown", body, "tags", "news", "publish", "now",
                "publishAt", "", "commentsEnabled", "on", "version", version);
    }

    @Test
    void fivePostsWithOneTitleSavedAtOnceEachGetAnAddressOfTheirOwn() {
        TestBrowser me = signUp();

        List<Page> answers = me.postAtOnce("/blog", Collections.nCopies(5, post("Big news", "It happened.", "")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(303));
        assertThat(slugs()).containsExactly("big-news", "big-news-2", "big-news-3", "big-news-4", "big-news-5");
    }

    @Test
    void aStaleEditorSaveIsAnswered409WithWhatWasTyped() {
        TestBrowser me = signUp();
        Matcher created = POST_ID.matcher(String.valueOf(me.post("/blog", post("Draft", "First words.", "")).location()));
        assertThat(created.matches()).isTrue();
        long id = Long.parseLong(created.group(1));
        String tabA = version(me.get("/blog/" + id + "/edit"));
        String tabB = version(me.get("/blog/" + id + "/edit"));

        assertThat(me.post("/blog/" + id, post("Draft", "Words from tab A.", tabA)).status()).isEqualTo(303);
        Page stale = me.post("/blog/" + id, post("Draft", "Words from tab B.", tabB));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("This was changed elsewhere — reload and try again.", "Words from tab B.");
        assertThat(body(id)).isEqualTo("Words from tab A.");

        assertThat(me.post("/blog/" + id, post("Draft", "Words from tab B.", version(stale))).status()).isEqualTo(303);
        assertThat(body(id)).isEqualTo("Words from tab B.");
    }

    @Test
    void aSaveWhileAnotherTabSavesThePostIsAnswered409() {
        TestBrowser me = signUp();
        Matcher created = POST_ID.matcher(String.valueOf(me.post("/blog", post("Notes", "One.", "")).location()));
        assertThat(created.matches()).isTrue();
        long id = Long.parseLong(created.group(1));

        Page second = Interleaving.saveAWhile(database,
                "UPDATE blog_post SET body_markdown = 'Saved in tab A', version = version + 1 WHERE id = " + id,
                () -> me.post("/blog/" + id, Map.of("title", "Notes", "bodyMarkdown", "Saved in tab B",
                        "publish", "now")));

        assertThat(second.status()).isEqualTo(409);
        assertThat(body(id)).isEqualTo("Saved in tab A");
    }

    String body(long id) {
        return db.sql("SELECT body_markdown FROM blog_post WHERE id = :id").bind("id", id)
                .map(row -> row.get("body_markdown", String.class)).one().block();
    }

    static String version(Page page) {
        Matcher version = VERSION.matcher(page.body());
        assertThat(version.find()).as("a version field in %s", page.body()).isTrue();
        return version.group(1);
    }
}
