package dev.modulo.blog.web;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.modulo.blog.web.BlogPagesTest.idOf;
import static dev.modulo.blog.web.BlogPagesTest.month;
import static dev.modulo.blog.web.BlogPagesTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The blog's Atom feeds, read back by a real feed parser (Rome's), and conditional GET. */
@ModuloIntegrationTest
class AtomFeedTest {

    @Autowired
    WebTestClient client;

    EntityExchangeResult<String> fetch(String path, HttpHeaders conditions) {
        return client.get().uri(path)
                .headers(headers -> headers.addAll(conditions))
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    @Test
    void theFeedListsPublishedPostsWithStableIdsLinksAndEscapedHtml() throws Exception {
        String username = TestBrowser.uniqueName("feed");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        owner.post("/blog/settings", Map.of("title", "Signals", "description", "Now and then.", "commentsEnabled", "on"));
        long published = idOf(owner.post("/blog", post("On <air>", "Hello **listeners** & friends\n\n![mast](/shared/images/x/thumbnail/1280)",
                "radio, music", "now")));
        idOf(owner.post("/blog", post("Unfinished", "draft text", "radio", "draft")));

        EntityExchangeResult<String> response = fetch("/@" + username + "/feed.atom", new HttpHeaders());

        assertThat(response.getStatus().value()).isEqualTo(200);
        assertThat(response.getResponseHeaders().getContentType().toString()).startsWith("application/atom+xml");
        assertThat(response.getResponseHeaders().getCacheControl()).contains("max-age=300", "public");
        String xml = response.getResponseBody();
        assertThat(xml).contains("xmlns=\"http://www.w3.org/2005/Atom\"", "&lt;strong&gt;listeners&lt;/strong&gt;");

        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Signals");
        assertThat(feed.getUri()).startsWith("tag:localhost,").endsWith(":" + username + "/blog");
        assertThat(feed.getLinks()).extracting(link -> link.getRel() + " " + link.getHref()).contains(
                "alternate http://localhost:8080/@" + username,
                "self http://localhost:8080/@" + username + "/feed.atom");
        assertThat(feed.getAuthors()).extracting(author -> author.getName()).containsExactly(username);
        assertThat(feed.getPublishedDate()).isNotNull();
        assertThat(feed.getEntries()).hasSize(1);
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo("On <air>");
        assertThat(entry.getUri()).startsWith("tag:localhost,").endsWith(":" + username + "/post/" + published);
        assertThat(entry.getLink()).isEqualTo("http://localhost:8080/@" + username + "/" + month() + "/on-air");
        assertThat(entry.getContents().get(0).getType()).isEqualTo("html");
        assertThat(entry.getContents().get(0).getValue()).isEqualToIgnoringWhitespace("<p>Hello <strong>listeners</strong> &amp; friends</p>"
                + "<p><img src=\"http://localhost:8080/shared/images/x/thumbnail/1280\" alt=\"mast\" /></p>");
        assertThat(entry.getCategories()).extracting(category -> category.getName()).containsExactly("radio", "music");
        assertThat(entry.getUpdatedDate()).isNotNull();

        owner.post("/blog/" + published, post("On the air", "Hello again", "radio, music", "now"));
        SyndFeed renamed = new SyndFeedInput().build(new StringReader(fetch("/@" + username + "/feed.atom",
                new HttpHeaders()).getResponseBody()));
        assertThat(renamed.getEntries().get(0).getUri()).as("ids survive edits").isEqualTo(entry.getUri());
    }

    @Test
    void aTagFeedHoldsOnlyThatTagsPosts() throws Exception {
        String username = TestBrowser.uniqueName("tagfeed");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        idOf(owner.post("/blog", post("Bread", "flour", "baking", "now")));
        idOf(owner.post("/blog", post("Boats", "water", "sailing", "now")));

        SyndFeed feed = new SyndFeedInput().build(new StringReader(
                fetch("/@" + username + "/tags/baking/feed.atom", new HttpHeaders()).getResponseBody()));

        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Bread");
        assertThat(feed.getUri()).endsWith(":" + username + "/blog/tags/baking");
    }

    @Test
    void anUnchangedFeedAnswers304ToEitherConditionAndAChangeEndsThat() {
        String username = TestBrowser.uniqueName("cond");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        idOf(owner.post("/blog", post("Once", "text", "", "now")));
        String path = "/@" + username + "/feed.atom";
        HttpHeaders first = fetch(path, new HttpHeaders()).getResponseHeaders();
        assertThat(first.getETag()).isNotBlank();
        assertThat(first.getLastModified()).isPositive();

        HttpHeaders byEtag = new HttpHeaders();
        byEtag.setIfNoneMatch(first.getETag());
        assertThat(fetch(path, byEtag).getStatus().value()).isEqualTo(304);
        HttpHeaders byDate = new HttpHeaders();
        byDate.setIfModifiedSince(first.getLastModified());
        assertThat(fetch(path, byDate).getStatus().value()).isEqualTo(304);

        idOf(owner.post("/blog", post("Twice", "more", "", "now")));
        assertThat(fetch(path, byEtag).getStatus().value()).isEqualTo(200);
    }

    @Test
    void everyPublicBlogPageAnnouncesItsFeed() {
        String username = TestBrowser.uniqueName("disc");
        TestBrowser owner = new TestBrowser(client).signUp(username, "a long and unusual passphrase", "basic");
        idOf(owner.post("/blog", post("Found", "text", "lost", "now")));
        TestBrowser reader = new TestBrowser(client);

        for (String page : List.of("/@" + username, "/@" + username + "/" + month() + "/found")) {
            assertThat(reader.get(page).body()).as(page).contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/@"
                    + username + "/feed.atom\"");
        }
        assertThat(reader.get("/@" + username + "/tags/lost").body())
                .contains("type=\"application/atom+xml\" href=\"/@" + username + "/tags/lost/feed.atom\"");
        assertThat(reader.get("/@nobody-has-this-name/feed.atom").status()).isEqualTo(404);
    }
}
