package dev.modulo.blog.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.modulo.accounts.AccountService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static dev.modulo.blog.web.BlogPagesTest.idOf;
import static dev.modulo.blog.web.BlogPagesTest.month;
import static dev.modulo.blog.web.BlogPagesTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers are served kept copies of public pages, and never one older than the blog: each test
 * changes a row behind the application's back (as a kept page would not notice) to tell a kept
 * page from a freshly rendered one.
 */
@ModuloIntegrationTest
class PublicPageCacheTest {

    static final String PASSWORD = "a long and unusual passphrase";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccountService accounts;

    @LocalServerPort
    int port;

    @Test
    void aReaderGetsTheKeptPageUntilTheOwnerChangesTheBlog() {
        Blog blog = blogWithOnePost("kept");
        TestBrowser reader = new TestBrowser(client);
        assertThat(reader.get(blog.index()).body()).contains("Morning walk");

        retitleBehindTheBack(blog, "Evening walk");
        assertThat(reader.get(blog.index()).body()).as("the kept page").contains("Morning walk");
        assertThat(reader.get(blog.post()).body()).as("never kept yet: rendered").contains("Evening walk");

        blog.owner().post("/blog/settings", Map.of("title", "Walks", "description", "", "commentsEnabled", "on"));

        assertThat(reader.get(blog.index()).body()).contains("Walks", "Evening walk").doesNotContain("Morning walk");
    }

    @Test
    void eachKindOfChangeShowsAtOnce() {
        Blog blog = blogWithOnePost("changes");
        TestBrowser reader = new TestBrowser(client);
        assertThat(reader.get(blog.post()).body()).doesNotContain("Comments (");

        assertThat(reader.postWithoutCsrf(blog.post() + "/comments", Map.of("name", "Ada", "url", "",
                "text", "Lovely walk")).status()).isEqualTo(303);
        Page queue = blog.owner().get("/blog/comments");
        long comment = Long.parseLong(queue.body().replaceAll("(?s).*/blog/comments/(\\d+)/approve.*", "$1"));
        blog.owner().post("/blog/comments/" + comment + "/approve", Map.of());
        assertThat(reader.get(blog.post()).body()).contains("Comments (1)", "Lovely walk");

        blog.owner().post("/blog/comments/" + comment + "/reject", Map.of());
        assertThat(reader.get(blog.post()).body()).doesNotContain("Comments (", "Lovely walk");

        long second = idOf(blog.owner().post("/blog", post("Second walk", "Rain.", "walks", "now")));
        assertThat(reader.get(blog.index()).body()).contains("Second walk");
        assertThat(reader.get("/@" + blog.username() + "/tags/walks").body()).contains("Second walk");
        assertThat(reader.get("/@" + blog.username() + "/feed.atom").body()).contains("Second walk");

        blog.owner().post("/blog/" + second + "/delete", Map.of());
        assertThat(reader.get(blog.index()).body()).doesNotContain("Second walk");
        assertThat(reader.get("/@" + blog.username() + "/feed.atom").body()).doesNotContain("Second walk");

        blog.owner().post("/account/delete", Map.of("password", PASSWORD, "confirm", "DELETE"));
        assertThat(reader.get(blog.index()).status()).isEqualTo(404);
        assertThat(reader.get(blog.post()).status()).isEqualTo(404);
    }

    @Test
    void aChangeMadeByAnotherInstanceShowsWithinASecondOrSo() {
        Blog blog = blogWithOnePost("elsewhere");
        TestBrowser reader = new TestBrowser(client);
        assertThat(reader.get(blog.index()).body()).contains("Morning walk");

        // What another instance's edit leaves in the database: the row, and the blog's version bumped.
        retitleBehindTheBack(blog, "Walk elsewhere");
        db.sql("UPDATE data_version SET version = version + 1 WHERE account_id = :account AND kind = 'blog-public'")
                .bind("account", blog.accountId()).then().block();

        Instant deadline = Instant.now().plusSeconds(10);
        String body = reader.get(blog.index()).body();
        while (!body.contains("Walk elsewhere") && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
            body = reader.get(blog.index()).body();
        }
        assertThat(body).contains("Walk elsewhere");
    }

    @Test
    void keptPagesAnswerConditionalRequestsAndComeGzippedToBrowsersThatTakeIt() throws Exception {
        Blog blog = blogWithOnePost("etag");
        HttpResponse<byte[]> plain = get(blog.index(), "Accept-Encoding", "identity");
        HttpResponse<byte[]> again = get(blog.index(), "Accept-Encoding", "identity");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.body()).isEqualTo(plain.body());
        assertThat(again.headers().firstValue("Content-Length")).hasValue(String.valueOf(plain.body().length));
        assertThat(again.headers().firstValue("Content-Type")).isEqualTo(plain.headers().firstValue("Content-Type"));
        assertThat(again.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(again.headers().allValues("Vary")).contains("Cookie", "Accept-Encoding");

        HttpResponse<byte[]> unchanged = get(blog.index(), "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        HttpResponse<byte[]> zipped = get(blog.index(), "Accept-Encoding", "gzip, deflate, br");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String zippedEtag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(zippedEtag).isNotEqualTo(etag);
        assertThat(zipped.body().length).isLessThan(plain.body().length);
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(get(blog.index(), "Accept-Encoding", "gzip", "If-None-Match", zippedEtag).statusCode())
                .isEqualTo(304);
        assertThat(get(blog.index(), "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(uri(blog.index()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(plain.body().length));

        retitleBehindTheBack(blog, "Walk anew");
        blog.owner().post("/blog/settings", Map.of("title", "New title", "description", "", "commentsEnabled", "on"));
        HttpResponse<byte[]> changed = get(blog.index(), "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("Walk anew");
    }

    @Test
    void readersGetNoCookieAndNoTokenAndTheirCommentsAreRefusedOnlyFromOtherSites() {
        Blog blog = blogWithOnePost("token");
        HttpResponse<byte[]> page = get(blog.post());
        assertThat(page.headers().allValues(HttpHeaders.SET_COOKIE)).isEmpty();
        assertThat(new String(page.body(), StandardCharsets.UTF_8))
                .contains("id=\"comment-form\"").doesNotContain("_csrf");

        String comments = blog.post() + "/comments";
        assertThat(comment(comments, "Ada", Map.of()).getStatus().value()).as("no browser headers").isEqualTo(303);
        assertThat(comment(comments, "Ada", Map.of("Sec-Fetch-Site", "same-origin")).getStatus().value()).isEqualTo(303);
        String host = "localhost:" + port;
        assertThat(comment(comments, "Ada", Map.of(HttpHeaders.ORIGIN, "http://" + host)).getStatus().value()).isEqualTo(303);

        EntityExchangeResult<byte[]> crossSite = comment(comments, "Eve", Map.of("Sec-Fetch-Site", "cross-site",
                HttpHeaders.ORIGIN, "http://" + host));
        assertThat(crossSite.getStatus().value()).isEqualTo(403);
        assertThat(new String(crossSite.getResponseBody(), StandardCharsets.UTF_8)).contains("did not come from Modulo");
        assertThat(comment(comments, "Eve", Map.of("Sec-Fetch-Site", "same-site")).getStatus().value()).isEqualTo(403);
        assertThat(comment(comments, "Eve", Map.of(HttpHeaders.ORIGIN, "https://evil.example")).getStatus().value())
                .isEqualTo(403);
        assertThat(comment(comments, "Eve", Map.of(HttpHeaders.ORIGIN, "null")).getStatus().value()).isEqualTo(403);

        assertThat(blog.owner().get("/blog/comments").body()).contains("Ada").doesNotContain("Eve");

        // Every other form still needs its token.
        assertThat(new TestBrowser(client).postWithoutCsrf("/signup", Map.of("username", "x")).status()).isEqualTo(403);
    }

    @Test
    void signedInPeopleAreNeverServedTheReadersCopyNorIsTheirsKept() {
        Blog blog = blogWithOnePost("owner");
        TestBrowser reader = new TestBrowser(client);
        assertThat(reader.get(blog.post()).body()).doesNotContain("/edit\"");

        Page asOwner = blog.owner().get(blog.post());
        assertThat(asOwner.body()).contains("/edit\"", blog.username());
        assertThat(asOwner.headers().getCacheControl()).isEqualTo("private, no-cache");

        assertThat(reader.get(blog.post()).body()).doesNotContain("/edit\"");
    }

    private record Blog(String username, long accountId, TestBrowser owner, String index, String post) {
    }

    private Blog blogWithOnePost(String prefix) {
        String username = TestBrowser.uniqueName(prefix);
        TestBrowser owner = new TestBrowser(client).signUp(username, PASSWORD, "basic");
        idOf(owner.post("/blog", post("Morning walk", "By the river.", "walks", "now")));
        long accountId = accounts.findByUsername(username).block().id();
        return new Blog(username, accountId, owner, "/@" + username,
                "/@" + username + "/" + month() + "/morning-walk");
    }

    private void retitleBehindTheBack(Blog blog, String title) {
        db.sql("UPDATE blog_post SET title = :title WHERE account_id = :account")
                .bind("title", title)
                .bind("account", blog.accountId())
                .then()
                .block();
    }

    /** A GET as a browser sends it, bytes as they come (WebTestClient's client unzips). */
    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private EntityExchangeResult<byte[]> comment(String path, String name, Map<String, String> headers) {
        return client.post().uri(path)
                .headers(all -> headers.forEach(all::set))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("name", name)
                        .with("url", "").with("text", "A comment"))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
