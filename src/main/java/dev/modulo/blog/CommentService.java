package dev.modulo.blog;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.modulo.blog.PublicBlog.Blog;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.Slice;
import dev.modulo.spam.SpamFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Visitors' comments and their moderation. A comment waits for the owner's approval before
 * anyone sees it; its text becomes paragraphs and links, nothing more.
 */
@Service
public class CommentService {

    static final int MAX_NAME = 100;
    static final int MAX_URL = 500;
    static final int MAX_TEXT = 5000;
    /** The column's size; escaping and links can make HTML several times longer than the text. */
    static final int MAX_HTML = 20_000;
    static final int QUEUE_LIMIT = 200;
    /** Comments one page under a post shows. */
    public static final int PAGE_SIZE = 100;
    private static final Set<String> STATUSES = Set.of(BlogComment.PENDING, BlogComment.APPROVED, BlogComment.REJECTED);

    /** A comment on the moderation page, with the post it belongs to. */
    public record QueuedComment(BlogComment comment, BlogPost post) {
    }

    private final BlogComments comments;
    private final BlogPosts posts;
    private final PublicBlog blogs;
    private final Markdown markdown;
    private final SpamFilter spam;
    private final PublicBlogPages publicPages;
    private final TransactionalOperator transactions;
    private final Clock clock;

    CommentService(BlogComments comments, BlogPosts posts, PublicBlog blogs, Markdown markdown, SpamFilter spam,
            PublicBlogPages publicPages, TransactionalOperator transactions, ObjectProvider<Clock> clock) {
        this.spam = spam;
        this.publicPages = publicPages;
        this.transactions = transactions;
        this.comments = comments;
        this.posts = posts;
        this.blogs = blogs;
        this.markdown = markdown;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Takes a visitor's comment on a public post; it waits for moderation. */
    public Mono<BlogComment> submit(Blog blog, String slug, String name, String url, String text) {
        return blogs.post(blog, slug, false)
                .flatMap(post -> blog.settings().commentsEnabled() && post.commentsEnabled()
                        ? Mono.just(post)
                        : Mono.error(new CommentsClosed()))
                .flatMap(post -> checked(name, url, text)
                        .flatMap(valid -> markdown.commentToSafeHtml(valid.text())
                                .flatMap(html -> html.length() > MAX_HTML
                                        ? Mono.error(InvalidInput.of("text", "This comment is too long once its links and "
                                                + "special characters are written out. Please shorten it."))
                                        : Mono.just(html))
                                // What the owner's spam filter recognises goes straight to Rejected, where
                                // "Not spam" brings it back; the visitor is told the same either way.
                                .zipWith(spam.score(blog.accountId(), spamText(valid.name(), valid.url(), valid.text())))
                                .flatMap(htmlAndScore -> comments.save(new BlogComment(null, blog.accountId(), post.id(),
                                        valid.name(), valid.url(), valid.text(), htmlAndScore.getT1(),
                                        htmlAndScore.getT2().spam() ? BlogComment.REJECTED : BlogComment.PENDING,
                                        clock.instant().truncatedTo(ChronoUnit.MILLIS))))));
    }

    /** Rejects a comment as spam, and teaches the owner's spam filter so. */
    public Mono<BlogComment> markSpam(long accountId, long commentId) {
        return moderate(accountId, commentId, BlogComment.REJECTED)
                .flatMap(comment -> spam.train(accountId, spamText(comment), true).thenReturn(comment));
    }

    /** Approves a comment the filter or the owner took for spam, and teaches the filter it is not. */
    public Mono<BlogComment> markNotSpam(long accountId, long commentId) {
        return moderate(accountId, commentId, BlogComment.APPROVED)
                .flatMap(comment -> spam.train(accountId, spamText(comment), false).thenReturn(comment));
    }

    private static String spamText(BlogComment comment) {
        return spamText(comment.authorName(), comment.authorUrl(), comment.bodyText());
    }

    private static String spamText(String name, String url, String text) {
        return name + "\n" + (url == null ? "" : url) + "\n" + text;
    }

    /** A page of the approved comments under a post, oldest first. */
    public Mono<Slice<BlogComment>> approved(BlogPost post, int page) {
        return comments.findOfPost(post.id(), BlogComment.APPROVED, PAGE_SIZE + 1, Slice.offset(page, PAGE_SIZE))
                .collectList()
                .map(rows -> Slice.of(rows, page, PAGE_SIZE));
    }

    /** How many approved comments a post has. */
    public Mono<Long> approvedCount(BlogPost post) {
        return comments.countByPostIdAndStatus(post.id(), BlogComment.APPROVED);
    }

    /** The owner's comments in one state, newest first, each with its post. */
    public Mono<List<QueuedComment>> queue(long accountId, String status) {
        String wanted = status == null ? BlogComment.PENDING : status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            return Mono.error(InvalidInput.of("status", "Choose pending, approved or rejected comments."));
        }
        return comments.findQueue(accountId, wanted, QUEUE_LIMIT)
                .collectList()
                .flatMap(found -> posts.findAllById(found.stream().map(BlogComment::postId).distinct().toList())
                        .collectMap(BlogPost::id, Function.identity())
                        .map(byId -> found.stream()
                                .map(comment -> new QueuedComment(comment, byId.get(comment.postId())))
                                .collect(Collectors.toList())));
    }

    public Mono<Long> pendingCount(long accountId) {
        return comments.countByAccountIdAndStatus(accountId, BlogComment.PENDING);
    }

    public Mono<BlogComment> approve(long accountId, long commentId) {
        return moderate(accountId, commentId, BlogComment.APPROVED);
    }

    public Mono<BlogComment> reject(long accountId, long commentId) {
        return moderate(accountId, commentId, BlogComment.REJECTED);
    }

    public Mono<Void> delete(long accountId, long commentId) {
        return find(accountId, commentId).flatMap(comment -> transactions.transactional(comments.delete(comment)
                .then(publicPages.changed(accountId))));
    }

    private Mono<BlogComment> moderate(long accountId, long commentId, String status) {
        return find(accountId, commentId)
                .flatMap(comment -> transactions.transactional(comments.updateStatus(comment.id(), accountId, status)
                        .then(publicPages.changed(accountId))
                        .thenReturn(comment.withStatus(status))));
    }

    private Mono<BlogComment> find(long accountId, long commentId) {
        return comments.findByIdAndAccountId(commentId, accountId)
                .switchIfEmpty(Mono.error(CommentNotFound::new));
    }

    private static Mono<ValidComment> checked(String name, String url, String text) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = name == null ? "" : name.strip();
        String cleanUrl = url == null || url.isBlank() ? null : url.strip();
        String cleanText = text == null ? "" : text.strip();
        if (cleanName.isEmpty()) {
            errors.put("name", "Tell us your name.");
        } else if (cleanName.length() > MAX_NAME) {
            errors.put("name", "Keep your name under " + MAX_NAME + " characters.");
        }
        if (cleanUrl != null && !isWebAddress(cleanUrl)) {
            errors.put("url", "Enter a web address starting with http:// or https://, or leave it empty.");
        }
        if (cleanText.isEmpty()) {
            errors.put("text", "Write a comment.");
        } else if (cleanText.length() > MAX_TEXT) {
            errors.put("text", "Keep your comment under " + MAX_TEXT + " characters.");
        }
        return errors.isEmpty()
                ? Mono.just(new ValidComment(cleanName, cleanUrl, cleanText))
                : Mono.error(new InvalidInput(errors));
    }

    private static boolean isWebAddress(String url) {
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private record ValidComment(String name, String url, String text) {
    }
}
