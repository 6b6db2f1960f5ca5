package dev.modulo.blog.web;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Writing in the editor and reading on the public blog, through the pages. */
@ModuloIntegrationTest
class BlogPagesTest {

    static final Pattern EDIT_LOCATION = Pattern.compile("/blog/(\\d+)/edit\\?saved");

    @Autowired
    WebTestClient client;

    static Map<String, String> post(String title, String body, String tags, String publish) {
        Map<String, String> form = new HashMap<>(Map.of("title", title, "bodyMarkdown", body, "tags", tags,
                "publish", publish, "action", "save", "commentsEnabled", "on"));
        return form;
    }

    static long idOf(Page saved) {
        Matcher id = EDIT_LOCATION.matcher(String.valueOf(saved.location()));
        assertThat(id.matches()).as("redirected to the editor: %s", saved.location()).isTrue();
        return Long.parseLong(id.group(1));
    }

    static String month() {
        YearMonth now = YearMonth.now(ZoneId.of("Europe/Berlin"));
        return "%d/%02d".formatted(now.getYear(), now.getMonthValue());
    }

    @Test
    void aDraftIsInvisibleToThePublicAndMarkedForItsOwner() {
        String username = TestBrowser.uniqueName("drafty");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        idOf(owner.post("/blog", post("Secret plans", "Not *yet*.", "plans", "draft")));
        String address = "/@" + username + "/" + month() + "/secret-plans";

        TestBrowser reader = new TestBrowser(client);
        assertThat(reader.get(address).status()).isEqualTo(404);
        assertThat(reader.get("/@" + username).body()).doesNotContain("Secret plans");
        assertThat(reader.get("/@" + username + "/tags/plans").body()).doesNotContain("Secret plans");

        Page asOwner = owner.get(address);
        assertThat(asOwner.status()).isEqualTo(200);
        assertThat(asOwner.body()).contains("Secret plans", "badge warn\">draft");
        assertThat(asOwner.headers().getCacheControl()).isEqualTo("private, no-cache");
        assertThat(owner.get("/blog").body()).contains("Secret plans", ">draft<");
    }

    @Test
    void aPublishedPostIsOnTheIndexItsTagPageAndItsOwnPage() {
        String username = TestBrowser.uniqueName("pub");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        owner.post("/blog/settings", Map.of("title", "Field Notes", "description", "Birds and weather.",
                "commentsEnabled", "on"));
        idOf(owner.post("/blog", post("First light", "The **robin** sang.", "Birds, Dawn", "now")));

        TestBrowser reader = new TestBrowser(client);
        Page index = reader.get("/@" + username);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("Field Notes", "Birds and weather.", "First light",
                "The <strong>robin</strong> sang.", "href=\"/@" + username + "/tags/birds\"");
        assertThat(index.headers().getCacheControl()).isEqualTo("public, max-age=60");
        assertThat(index.headers().getVary()).contains("Cookie");

        Page tagPage = reader.get("/@" + username + "/tags/dawn");
        assertThat(tagPage.body()).contains("Posts tagged", "First light");
        assertThat(reader.get("/@" + username + "/tags/cats").body()).doesNotContain("First light");

        Page postPage = reader.get("/@" + username + "/" + month() + "/first-light");
        assertThat(postPage.status()).isEqualTo(200);
        assertThat(postPage.body()).contains("<h1>First light</h1>").doesNotContain("badge warn");
    }

    @Test
    void aPostAtTheWrongMonthRedirectsToItsAddressAndUnknownBlogsAre404() {
        String username = TestBrowser.uniqueName("moved");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        idOf(owner.post("/blog", post("Wandering", "text", "", "now")));

        Page wrong = new TestBrowser(client).get("/@" + username + "/1999/01/wandering");
        assertThat(wrong.location()).isEqualTo("/@" + username + "/" + month() + "/wandering");
        assertThat(new TestBrowser(client).get("/@" + username + "/2026/13/wandering").location())
                .isEqualTo("/@" + username + "/" + month() + "/wandering");
        assertThat(new TestBrowser(client).get("/@" + username + "/2026/xx/wandering").status())
                .as("a path with a month that is not a number leads nowhere").isEqualTo(404);
        assertThat(new TestBrowser(client).get("/@no-such-person-here").status()).isEqualTo(404);
        assertThat(new TestBrowser(client).get("/@" + username + "/2026/01/no-such-post").status()).isEqualTo(404);
    }

    @Test
    void theEditorKeepsWhatWasTypedAndExplainsEachMistake() {
        TestBrowser owner = new TestBrowser(client).signUp(TestBrowser.uniqueName("oops"), "a long and unusual passphrase", "basic");

        Page page = owner.post("/blog", post("", "Body I do not want to lose", "keep, these", "at"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Give the post a title.", "Enter a date and time like 2026-12-24 09:00.",
                "Body I do not want to lose", "value=\"keep, these\"");
    }

    @Test
    void aTwoMegabytePostIsRefusedWithAMessageAndItsTextKept() {
        TestBrowser owner = new TestBrowser(client).signUp(TestBrowser.uniqueName("huge"), "a long and unusual passphrase", "basic");
        String body = "All work and no play. ".repeat(100_000);

        Page page = owner.post("/blog", post("War and Peace", body, "", "draft"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("The post is too long: at most 200,000 characters", "All work and no play.");
        assertThat(owner.get("/blog").body()).doesNotContain("War and Peace");
    }

    @Test
    void previewRendersWithoutSaving() {
        TestBrowser owner = new TestBrowser(client).signUp(TestBrowser.uniqueName("prev"), "a long and unusual passphrase", "basic");
        Map<String, String> form = post("Preview me", "Some _emphasis_ <img src=x onerror=alert(1)>", "", "draft");
        form.put("action", "preview");

        Page preview = owner.post("/blog", form);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("<em>emphasis</em>")
                .contains("&lt;img src=x onerror=alert(1)&gt;</textarea>")
                .doesNotContain("<img src=x onerror", "<img src=\"x\" onerror");
        assertThat(owner.get("/blog").body()).doesNotContain("Preview me");

        Page fragment = owner.post("/blog/preview", Map.of("bodyMarkdown", "# Heading"));
        assertThat(fragment.body()).isEqualTo("<h1>Heading</h1>\n");
    }

    @Test
    void deletingAsksFirstThenRemovesThePost() {
        String username = TestBrowser.uniqueName("del");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        long id = idOf(owner.post("/blog", post("Short-lived", "text", "", "now")));

        assertThat(owner.get("/blog/" + id + "/delete").body()).contains("Delete this post?", "Short-lived");
        assertThat(owner.post("/blog/" + id + "/delete", Map.of()).location()).isEqualTo("/blog?deleted");
        assertThat(owner.get("/blog/" + id + "/edit").status()).isEqualTo(404);
        assertThat(new TestBrowser(client).get("/@" + username + "/" + month() + "/short-lived").status()).isEqualTo(404);
    }

    @Test
    void anotherAccountCannotSeeEditOrDeleteAPost() {
        TwoAccounts two = TwoAccounts.signUp(client);
        long id = idOf(two.owner().post("/blog", post("Owner only", "private words", "", "draft")));

        two.assertIntruderGets404(List.of(
                Route.get("/blog/" + id + "/edit"),
                Route.post("/blog/" + id, post("Hijacked", "mine now", "", "now")),
                Route.get("/blog/" + id + "/delete"),
                Route.post("/blog/" + id + "/delete", Map.of()),
                Route.get("/@" + two.ownerName() + "/" + month() + "/owner-only")));

        Page still = two.owner().get("/blog/" + id + "/edit");
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.body()).contains("Owner only", "private words");
        assertThat(two.intruder().get("/blog").body()).doesNotContain("Owner only");
    }

    @Test
    void theBlogTabIsInTheShell() {
        TestBrowser owner = new TestBrowser(client).signUp(TestBrowser.uniqueName("tab"), "a long and unusual passphrase", "basic");

        assertThat(owner.get("/dashboard").body()).contains("href=\"/blog\">Blog</a>");
    }
}
