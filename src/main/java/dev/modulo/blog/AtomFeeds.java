package dev.modulo.blog;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.modulo.blog.PublicBlog.Blog;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.ModuloProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Atom 1.0 (RFC 4287) feeds of a blog and of one of its tags, written by Rome. Ids are tag: URIs
 * (RFC 4151) that never change, whatever happens to titles, slugs or the address.
 */
@Component
public class AtomFeeds {

    static final int ENTRIES = 20;

    /** A feed document and what a client needs for a conditional GET. */
    public record AtomFeed(String xml, String etag, Instant updated) {
    }

    private final PublicBlog blogs;
    private final BlogPosts posts;
    private final ModuloProperties modulo;

    AtomFeeds(PublicBlog blogs, BlogPosts posts, ModuloProperties modulo) {
        this.blogs = blogs;
        this.posts = posts;
        this.modulo = modulo;
    }

    public Mono<AtomFeed> blogFeed(Blog blog) {
        return posts.findPublished(blog.accountId(), blogs.now(), ENTRIES, 0)
                .collectList()
                .flatMap(entries -> write(blog, null, entries));
    }

    public Mono<AtomFeed> tagFeed(Blog blog, String tag) {
        return posts.findPublishedWithTag(blog.accountId(), tag, blogs.now(), ENTRIES, 0)
                .collectList()
                .flatMap(entries -> write(blog, tag, entries));
    }

    /** Where a blog's feed (or a tag's) is, for links and autodiscovery. */
    public static String path(String username, String tag) {
        return tag == null ? "/@" + username + "/feed.atom" : "/@" + username + "/tags/" + tag + "/feed.atom";
    }

    private Mono<AtomFeed> write(Blog blog, String tag, List<BlogPost> entries) {
        Instant updated = entries.stream()
                .map(AtomFeeds::updatedOf)
                .reduce(blog.settings().updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        if (updated.equals(Instant.EPOCH)) {
            updated = blog.since();
        }
        Instant feedUpdated = updated;
        // JDOM builds and prints the document: CPU work, kept off the event loop.
        return Blocking.PARSING.call(() -> new AtomFeed(render(blog, tag, entries, feedUpdated), etag(blog, tag, entries),
                feedUpdated));
    }

    private String render(Blog blog, String tag, List<BlogPost> entries, Instant updated) throws FeedException {
        String blogUrl = modulo.link("/@" + blog.username());
        Feed feed = new Feed("atom_1.0");
        feed.setId(tagUri(blog, tag == null ? "blog" : "blog/tags/" + tag));
        feed.setTitle(tag == null ? blog.settings().title() : blog.settings().title() + " — " + tag);
        if (!blog.settings().description().isEmpty()) {
            Content subtitle = new Content();
            subtitle.setValue(blog.settings().description());
            feed.setSubtitle(subtitle);
        }
        feed.setUpdated(Date.from(updated));
        feed.setAlternateLinks(List.of(link("alternate", "text/html",
                tag == null ? blogUrl : blogUrl + "/tags/" + tag)));
        feed.setOtherLinks(List.of(link("self", "application/atom+xml", modulo.link(path(blog.username(), tag)))));
        Person author = new Person();
        author.setName(blog.username());
        author.setUri(blogUrl);
        feed.setAuthors(List.of(author));
        feed.setGenerator(generator());

        List<Entry> feedEntries = new ArrayList<>();
        for (BlogPost post : entries) {
            feedEntries.add(entry(blog, post, blogUrl));
        }
        feed.setEntries(feedEntries);
        return new WireFeedOutput().outputString(feed);
    }

    private Entry entry(Blog blog, BlogPost post, String blogUrl) {
        Entry entry = new Entry();
        entry.setId(tagUri(blog, "post/" + post.id(), post.createdAt()));
        entry.setTitle(post.title());
        entry.setAlternateLinks(List.of(link("alternate", "text/html", blogUrl + post.path(blog.zone()))));
        entry.setPublished(Date.from(post.publishedAt()));
        entry.setUpdated(Date.from(updatedOf(post)));
        Content content = new Content();
        content.setType("html");
        content.setValue(absoluteLinks(post.bodyHtml()));
        entry.setContents(List.of(content));
        List<Category> categories = new ArrayList<>();
        for (String tag : post.tagList()) {
            Category category = new Category();
            category.setTerm(tag);
            category.setScheme(blogUrl + "/tags/");
            categories.add(category);
        }
        entry.setCategories(categories);
        return entry;
    }

    /** Feed readers show entries away from the blog: root-relative links (pictures) get the host. */
    private String absoluteLinks(String html) {
        String base = modulo.link("");
        return html.replace("src=\"/", "src=\"" + base + "/").replace("href=\"/", "href=\"" + base + "/");
    }

    /** {@code tag:example.org,2026-11-25:alice/post/42}: the host, a date the owner had it, a path. */
    private String tagUri(Blog blog, String specific) {
        return tagUri(blog, specific, blog.since());
    }

    private String tagUri(Blog blog, String specific, Instant minted) {
        String host = URI.create(modulo.baseUrl().toString()).getHost();
        return "tag:" + host + "," + minted.atOffset(ZoneOffset.UTC).toLocalDate() + ":" + blog.username() + "/"
                + specific;
    }

    private static Instant updatedOf(BlogPost post) {
        return post.updatedAt().isAfter(post.publishedAt()) ? post.updatedAt() : post.publishedAt();
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static com.rometools.rome.feed.atom.Generator generator() {
        com.rometools.rome.feed.atom.Generator generator = new com.rometools.rome.feed.atom.Generator();
        generator.setValue("Modulo");
        return generator;
    }

    /** Changes whenever an entry, its order, or the blog's settings change; deletions included. */
    private static String etag(Blog blog, String tag, List<BlogPost> entries) {
        StringBuilder state = new StringBuilder().append(blog.settings().updatedAt()).append('|').append(tag);
        entries.forEach(post -> state.append('|').append(post.id()).append(':').append(post.updatedAt())
                .append(':').append(post.publishedAt()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
