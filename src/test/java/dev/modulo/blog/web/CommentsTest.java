package dev.modulo.blog.web;

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

import static dev.modulo.blog.web.BlogPagesTest.idOf;
import static dev.modulo.blog.web.BlogPagesTest.month;
import static dev.modulo.blog.web.BlogPagesTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Visitors comment without an account; the owner moderates; only approved comments show. */
@ModuloIntegrationTest
class CommentsTest {

    static final Pattern COMMENT_ID = Pattern.compile("data-comment-id=\"(\\d+)\"");

    @Autowired
    WebTestClient client;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    record Blog(String username, TestBrowser owner, String postPath) {
    }

    Blog blogWithPost(String comments) {
        String username = TestBrowser.uniqueName("talk");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        Map<String, String> form = post("Talk to me", "Say something.", "", "now");
        if (!"on".equals(comments)) {
            form.remove("commentsEnabled");
        }
        idOf(owner.post("/blog", form));
        return new Blog(username, owner, "/@" + username + "/" + month() + "/talk-to-me");
    }

    static Map<String, String> comment(String name, String url, String text) {
        return Map.of("name", name, "url", url, "text", text);
    }

    static long firstCommentIdIn(Page page) {
        Matcher id = COMMENT_ID.matcher(page.body());
        assertThat(id.find()).as("a comment in the queue").isTrue();
        return Long.parseLong(id.group(1));
    }

    @Test
    void aPostWithManyCommentsShowsThemAHundredAtATimeWithTheirTotal() {
        Blog blog = blogWithPost("on");
        long[] post = db.sql("""
                        SELECT p.id, p.account_id FROM blog_post p JOIN account a ON a.id = p.account_id
                        WHERE a.username = :username AND p.slug = 'talk-to-me'""")
                .bind("username", blog.username())
                .map((row, meta) -> new long[] {row.get("id", Long.class), row.get("account_id", Long.class)})
                .one().block();
        java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 150; i++) {
            db.sql("""
                            INSERT INTO blog_comment (account_id, post_id, author_name, body_text, body_html, status,
                            created_at) VALUES (:account, :post, :name, 'Hello', '<p>Hello</p>', 'APPROVED', :at)""")
                    .bind("account", post[1]).bind("post", post[0]).bind("name", "Reader " + i)
                    .bind("at", start.plusSeconds(i)).then().block();
        }

        Page first = new TestBrowser(client).get(blog.postPath());
        assertThat(first.body()).contains("Comments (150)", "Reader 0<", "Reader 99<", "page=2#comments")
                .doesNotContain("Reader 100<");
        assertThat(first.body().split("<article class=\"comment\"", -1)).hasSize(101);
        Page second = new TestBrowser(client).get(blog.postPath() + "?page=2");
        assertThat(second.body()).contains("Comments (150)", "Reader 100<", "Reader 149<", "page=1#comments")
                .doesNotContain("Reader 99<");
        assertThat(second.body().split("<article class=\"comment\"", -1)).hasSize(51);
    }

    @Test
    void aVisitorsCommentWaitsForApprovalThenAppearsWithSafeLinks() {
        Blog blog = blogWithPost("on");
        TestBrowser visitor = new TestBrowser(client);
        visitor.get(blog.postPath());

        Page sent = visitor.post(blog.postPath() + "/comments", comment("Ada", "https://ada.example",
                "Lovely **post**. More at https://example.com <script>alert(1)</script>"));
        assertThat(sent.location()).isEqualTo(blog.postPath() + "?commented");
        assertThat(visitor.get(blog.postPath() + "?commented").body()).contains("Your comment will appear once")
                .doesNotContain("Lovely");

        Page queue = blog.owner().get("/blog/comments");
        assertThat(queue.body()).contains("Ada", "Talk to me", "Lovely post.");
        long id = firstCommentIdIn(queue);
        assertThat(blog.owner().post("/blog/comments/" + id + "/approve?from=pending", Map.of()).location())
                .isEqualTo("/blog/comments?status=pending");

        Page shown = new TestBrowser(client).get(blog.postPath());
        assertThat(shown.body()).contains("Comments (1)", "Lovely post.", "href=\"https://ada.example\"")
                .contains("rel=\"nofollow ugc noopener noreferrer\"")
                .doesNotContain("<script>alert(1)", "<strong>post</strong>");
        assertThat(blog.owner().get("/blog/comments?status=approved").body()).contains("Ada");
    }

    @Test
    void aMistakeInTheCommentFormIsExplainedAndWhatWasTypedIsKept() {
        Blog blog = blogWithPost("on");

        Page page = new TestBrowser(client).post(blog.postPath() + "/comments",
                comment(" ", "javascript:alert(1)", "I typed all of this"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Tell us your name.", "Enter a web address starting with http://",
                "I typed all of this");
        assertThat(blog.owner().get("/blog/comments").body()).contains("Nothing here.");
    }

    @Test
    void aCommentWhoseHtmlWouldOverflowIsRefusedWithAMessage() {
        Blog blog = blogWithPost("on");

        Page page = new TestBrowser(client).post(blog.postPath() + "/comments", comment("Quoter", "", "\"".repeat(5000)));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("This comment is too long once its links and special characters are written out.");
    }

    @Test
    void theHoneypotTurnsABotAway() {
        Blog blog = blogWithPost("on");

        Page page = new TestBrowser(client).post(blog.postPath() + "/comments",
                Map.of("name", "Bot", "url", "", "text", "Buy now", "website", "http://spam.example"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("a field meant to catch robots");
        assertThat(blog.owner().get("/blog/comments").body()).doesNotContain("Buy now");
    }

    @Test
    void commentsCanBeClosedForOnePostOrTheWholeBlog() {
        Blog closedPost = blogWithPost("off");
        Page page = new TestBrowser(client).get(closedPost.postPath());
        assertThat(page.body()).doesNotContain("id=\"comment-form\"");
        Page refused = new TestBrowser(client).post(closedPost.postPath() + "/comments", comment("Ada", "", "Hello"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Comments are closed for this post.");

        Blog closedBlog = blogWithPost("on");
        closedBlog.owner().post("/blog/settings", Map.of("title", "Quiet", "description", ""));
        assertThat(new TestBrowser(client).get(closedBlog.postPath()).body()).doesNotContain("id=\"comment-form\"");
        assertThat(new TestBrowser(client).post(closedBlog.postPath() + "/comments", comment("Ada", "", "Hello"))
                .status()).isEqualTo(403);
    }

    @Test
    void rejectedCommentsStayHiddenAndDeletedOnesAreGone() {
        Blog blog = blogWithPost("on");
        new TestBrowser(client).post(blog.postPath() + "/comments", comment("Eve", "", "Rude words"));
        long id = firstCommentIdIn(blog.owner().get("/blog/comments"));

        blog.owner().post("/blog/comments/" + id + "/reject", Map.of());
        assertThat(new TestBrowser(client).get(blog.postPath()).body()).doesNotContain("Rude words");
        assertThat(blog.owner().get("/blog/comments?status=rejected").body()).contains("Rude words");

        blog.owner().post("/blog/comments/" + id + "/delete?from=rejected", Map.of());
        assertThat(blog.owner().get("/blog/comments?status=rejected").body()).doesNotContain("Rude words");
    }

    @Test
    void aDraftTakesNoComments() {
        String username = TestBrowser.uniqueName("hush");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        idOf(owner.post("/blog", post("Not yet", "text", "", "draft")));

        Page page = new TestBrowser(client).post("/@" + username + "/" + month() + "/not-yet/comments",
                comment("Ada", "", "Early!"));

        assertThat(page.status()).isEqualTo(404);
    }

    @Test
    void anotherAccountCannotSeeOrModerateTheOwnersComments() {
        TwoAccounts two = TwoAccounts.signUp(client);
        idOf(two.owner().post("/blog", post("Owned", "text", "", "now")));
        String path = "/@" + two.ownerName() + "/" + month() + "/owned";
        new TestBrowser(client).post(path + "/comments", comment("Visitor", "", "Waiting in the queue"));
        long id = firstCommentIdIn(two.owner().get("/blog/comments"));

        two.assertIntruderGets404(List.of(
                Route.post("/blog/comments/" + id + "/approve", Map.of()),
                Route.post("/blog/comments/" + id + "/reject", Map.of()),
                Route.post("/blog/comments/" + id + "/delete", Map.of())));

        assertThat(two.intruder().get("/blog/comments").body()).doesNotContain("Waiting in the queue");
        assertThat(two.owner().get("/blog/comments").body()).contains("Waiting in the queue");
        assertThat(new TestBrowser(client).get(path).body()).doesNotContain("Waiting in the queue");
    }
}
