package dev.modulo.blog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.modulo.accounts.AccountService;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Writing a blog: the owner's posts and settings. Every method is given the owner's account id. */
@Service
public class BlogService {

    static final int MAX_TITLE = 300;
    static final int MAX_BODY = 200_000;
    static final int MAX_HTML = 1_000_000;
    static final int MAX_DESCRIPTION = 1000;
    static final int PAGE_SIZE = 20;

    private final BlogPosts posts;
    private final BlogSettingsRows settings;
    private final AccountService accounts;
    private final Markdown markdown;
    private final PublicBlogPages publicPages;
    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Clock clock;

    BlogService(BlogPosts posts, BlogSettingsRows settings, AccountService accounts, Markdown markdown,
            PublicBlogPages publicPages, DatabaseClient db, TransactionalOperator transactions,
            ObjectProvider<Clock> clock) {
        this.posts = posts;
        this.settings = settings;
        this.accounts = accounts;
        this.markdown = markdown;
        this.publicPages = publicPages;
        this.db = db;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The owner's posts, drafts and published, newest first. */
    public Mono<PostPage> list(long accountId, int page) {
        int number = Math.max(page, 1);
        return posts.findNewestFirst(accountId, PAGE_SIZE + 1, PostPage.offset(number, PAGE_SIZE))
                .collectList()
                .map(rows -> PostPage.of(rows, number, PAGE_SIZE));
    }

    public Mono<BlogPost> find(long accountId, long postId) {
        return posts.findByIdAndAccountId(postId, accountId)
                .switchIfEmpty(Mono.error(PostNotFound::new));
    }

    /**
     * A new post. Its address is the one typed, or one made from its title: the first of
     * {@code title}, {@code title-2}, … that no post of the blog has. Several posts with one title
     * saved at once each get their own (the insert itself claims the address; one that another
     * save claimed meanwhile is passed over), and none of them fails.
     */
    public Mono<BlogPost> create(long accountId, PostDraft draft) {
        return accounts.find(accountId)
                .flatMap(account -> checked(draft, account.zone(), null))
                .flatMap(valid -> markdown.toSafeHtml(valid.markdown())
                        .flatMap(html -> requireFits(html))
                        .flatMap(html -> {
                            Instant now = now();
                            BlogPost post = new BlogPost(null, accountId, "", valid.title(), valid.markdown(), html,
                                    String.join(",", valid.tags()), valid.publishedAt(now, null),
                                    valid.commentsEnabled(), now, now, null);
                            Mono<BlogPost> inserted = valid.slug() != null
                                    ? requireFreeSlug(accountId, valid.slug(), null)
                                            .flatMap(slug -> insertIfFree(post, slug))
                                            .switchIfEmpty(Mono.error(this::slugTaken))
                                    : insertWithFreeSlug(post, valid.title());
                            return transactions.transactional(inserted
                                    .flatMap(saved -> saveTags(saved, valid.tags())
                                            .then(publicPages.changed(accountId))
                                            .thenReturn(saved)));
                        }));
    }

    public Mono<BlogPost> update(long accountId, long postId, PostDraft draft) {
        return update(accountId, postId, draft, null);
    }

    /**
     * Saves the editor over the post as it was when the editor was shown ({@code version}; null:
     * as it is now). When another save came in between, nothing changes and
     * {@link ChangedElsewhere} says so.
     */
    public Mono<BlogPost> update(long accountId, long postId, PostDraft draft, Long version) {
        return find(accountId, postId)
                .zipWith(accounts.find(accountId))
                .flatMap(found -> checked(draft, found.getT2().zone(), found.getT1())
                        .flatMap(valid -> {
                            BlogPost old = found.getT1();
                            String slug = valid.slug() == null ? old.slug() : valid.slug();
                            return markdown.toSafeHtml(valid.markdown())
                                    .flatMap(this::requireFits)
                                    .zipWith(requireFreeSlug(accountId, slug, old.id()))
                                    .flatMap(htmlAndSlug -> saveWithTags(new BlogPost(old.id(), accountId,
                                            htmlAndSlug.getT2(), valid.title(), valid.markdown(), htmlAndSlug.getT1(),
                                            String.join(",", valid.tags()), valid.publishedAt(now(), old.publishedAt()),
                                            valid.commentsEnabled(), old.createdAt(), now(),
                                            version != null ? version : old.version()), valid.tags()));
                        }))
                .onErrorMap(OptimisticLockingFailureException.class, conflict -> new ChangedElsewhere());
    }

    public Mono<Void> delete(long accountId, long postId) {
        return find(accountId, postId).flatMap(post -> transactions.transactional(posts.delete(post)
                .then(publicPages.changed(accountId))));
    }

    /** Safe HTML for the editor's preview pane; nothing is saved. */
    public Mono<String> preview(String bodyMarkdown) {
        if (bodyMarkdown != null && bodyMarkdown.length() > MAX_BODY) {
            return Mono.error(bodyTooLong());
        }
        return markdown.toSafeHtml(bodyMarkdown);
    }

    public Mono<BlogSettings> settings(long accountId) {
        return settings.findById(accountId)
                .switchIfEmpty(Mono.defer(() -> accounts.find(accountId)
                        .map(account -> BlogSettings.defaultsFor(accountId, account.username()))));
    }

    public Mono<BlogSettings> updateSettings(long accountId, String title, String description, boolean commentsEnabled) {
        String cleanTitle = title == null ? "" : title.strip();
        String cleanDescription = description == null ? "" : description.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (cleanTitle.isEmpty()) {
            errors.put("title", "Give your blog a title.");
        } else if (cleanTitle.length() > 200) {
            errors.put("title", "Keep the title under 200 characters.");
        }
        if (cleanDescription.length() > MAX_DESCRIPTION) {
            errors.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        BlogSettings updated = new BlogSettings(accountId, cleanTitle, cleanDescription, commentsEnabled, now());
        // Settings rows are keyed by the account: update, or insert the first time.
        return transactions.transactional(saveSettings(updated).flatMap(saved -> publicPages.changed(accountId)
                        .thenReturn(saved)))
                // Two first saves at once: the other inserted; this one's values win on a second try.
                .onErrorResume(DataIntegrityViolationException.class,
                        insertedMeanwhile -> updateSettings(accountId, title, description, commentsEnabled));
    }

    private Mono<BlogSettings> saveSettings(BlogSettings updated) {
        long accountId = updated.accountId();
        return db.sql("""
                        UPDATE blog_settings SET title = :title, description = :description,
                            comments_enabled = :comments, updated_at = :updated
                        WHERE account_id = :account""")
                .bind("title", updated.title())
                .bind("description", updated.description())
                .bind("comments", updated.commentsEnabled())
                .bind("updated", updated.updatedAt())
                .bind("account", accountId)
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows > 0 ? Mono.just(updated) : db.sql("""
                                INSERT INTO blog_settings (account_id, title, description, comments_enabled, updated_at)
                                VALUES (:account, :title, :description, :comments, :updated)""")
                        .bind("account", accountId)
                        .bind("title", updated.title())
                        .bind("description", updated.description())
                        .bind("comments", updated.commentsEnabled())
                        .bind("updated", updated.updatedAt())
                        .then()
                        .thenReturn(updated));
    }

    /** Saves an existing post over its version (the caller gives the one it expects) with its tags. */
    private Mono<BlogPost> saveWithTags(BlogPost post, List<String> tags) {
        Mono<BlogPost> save = posts.save(post)
                .flatMap(saved -> db.sql("DELETE FROM blog_post_tag WHERE post_id = :post")
                        .bind("post", saved.id())
                        .then()
                        .then(saveTags(saved, tags))
                        .then(publicPages.changed(saved.accountId()))
                        .then(Mono.just(saved)));
        return transactions.transactional(save)
                .onErrorMap(DataIntegrityViolationException.class, e -> slugTaken());
    }

    private Mono<Void> saveTags(BlogPost saved, List<String> tags) {
        return Flux.fromIterable(tags).concatMap(tag -> db.sql("""
                                INSERT INTO blog_post_tag (post_id, account_id, tag) VALUES (:post, :account, :tag)""")
                        .bind("post", saved.id())
                        .bind("account", saved.accountId())
                        .bind("tag", tag)
                        .then())
                .then();
    }

    /** Inserts the post under the first free address made from its title. */
    private Mono<BlogPost> insertWithFreeSlug(BlogPost post, String title) {
        String base = Slugs.fromTitle(title);
        return Flux.range(1, 100)
                .map(n -> n == 1 ? base : Slugs.numbered(base, n))
                .concatMap(candidate -> posts.existsByAccountIdAndSlug(post.accountId(), candidate)
                        .filter(taken -> !taken)
                        // Free a moment ago; the insert says whether it still is.
                        .flatMap(free -> insertIfFree(post, candidate)))
                .next()
                .switchIfEmpty(Mono.error(this::slugTaken));
    }

    /**
     * Inserts the post under {@code slug} unless another post has it (empty then). ON CONFLICT DO
     * NOTHING (H2 and PostgreSQL alike) instead of a failed insert: on PostgreSQL a failed statement
     * ends the transaction it is in, and a post from mail is made inside the message's transaction.
     */
    private Mono<BlogPost> insertIfFree(BlogPost post, String slug) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO blog_post (account_id, slug, title, body_markdown, body_html, tags, published_at,
                            comments_enabled, created_at, updated_at, version)
                        VALUES (:account, :slug, :title, :markdown, :html, :tags, :published, :comments, :created,
                            :updated, 0)
                        ON CONFLICT DO NOTHING""")
                .bind("account", post.accountId())
                .bind("slug", slug)
                .bind("title", post.title())
                .bind("markdown", post.bodyMarkdown())
                .bind("html", post.bodyHtml())
                .bind("tags", post.tags())
                .bind("comments", post.commentsEnabled())
                .bind("created", post.createdAt())
                .bind("updated", post.updatedAt());
        insert = post.publishedAt() == null ? insert.bindNull("published", Instant.class)
                : insert.bind("published", post.publishedAt());
        return insert.filter(statement -> statement.returnGeneratedValues("id"))
                .map(row -> row.get(0, Long.class))
                .first()
                .map(id -> new BlogPost(id, post.accountId(), slug, post.title(), post.bodyMarkdown(), post.bodyHtml(),
                        post.tags(), post.publishedAt(), post.commentsEnabled(), post.createdAt(), post.updatedAt(), 0L));
    }

    private Mono<String> requireFreeSlug(long accountId, String slug, Long postId) {
        return posts.findByAccountIdAndSlug(accountId, slug)
                .filter(other -> !other.id().equals(postId))
                .flatMap(other -> Mono.<String>error(slugTaken()))
                .defaultIfEmpty(slug);
    }

    private Mono<String> requireFits(String html) {
        return html.length() > MAX_HTML ? Mono.error(bodyTooLong()) : Mono.just(html);
    }

    private InvalidInput slugTaken() {
        return InvalidInput.of("slug", "Another post already has this address. Choose another.");
    }

    private static InvalidInput bodyTooLong() {
        return InvalidInput.of("bodyMarkdown", "The post is too long: at most 200,000 characters (about 200 KB).");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Checks every field of the editor; {@code existing} is the post being edited, if any. */
    private Mono<ValidDraft> checked(PostDraft draft, ZoneId zone, BlogPost existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty()) {
            errors.put("title", "Give the post a title.");
        } else if (title.length() > MAX_TITLE) {
            errors.put("title", "Keep the title under " + MAX_TITLE + " characters.");
        }
        String body = draft.bodyMarkdown() == null ? "" : draft.bodyMarkdown();
        if (body.length() > MAX_BODY) {
            errors.put("bodyMarkdown", bodyTooLong().fieldErrors().get("bodyMarkdown"));
        }
        String slug = draft.slug() == null || draft.slug().isBlank() ? null : draft.slug().strip().toLowerCase(Locale.ROOT);
        if (slug != null) {
            Slugs.problem(slug).ifPresent(problem -> errors.put("slug", problem));
        }
        List<String> tags = Tags.normalise(draft.tags());
        Tags.problem(tags).ifPresent(problem -> errors.put("tags", problem));
        Publication publication = publication(draft, zone, errors);
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        return Mono.just(new ValidDraft(title, slug, body, tags, publication, draft.commentsEnabled()));
    }

    private static Publication publication(PostDraft draft, ZoneId zone, Map<String, String> errors) {
        String choice = draft.publish() == null ? "draft" : draft.publish();
        switch (choice) {
            case "draft":
                return new Publication(Publication.Kind.DRAFT, null);
            case "now":
                return new Publication(Publication.Kind.NOW, null);
            case "at":
                try {
                    String text = draft.publishAt() == null ? "" : draft.publishAt().strip().replace(' ', 'T');
                    LocalDateTime at = LocalDateTime.parse(text);
                    if (at.getYear() < 1900 || at.getYear() > 9999) {
                        errors.put("publishAt", "Choose a date between the years 1900 and 9999.");
                        return null;
                    }
                    return new Publication(Publication.Kind.AT, at.atZone(zone).toInstant());
                } catch (DateTimeParseException e) {
                    errors.put("publishAt", "Enter a date and time like 2026-12-24 09:00.");
                    return null;
                }
            default:
                errors.put("publish", "Choose draft, publish now, or publish at a time.");
                return null;
        }
    }

    /** When a post becomes public: never (draft), now (keeping an earlier publication), or at a time. */
    private record Publication(Kind kind, Instant at) {

        enum Kind { DRAFT, NOW, AT }
    }

    private record ValidDraft(String title, String slug, String markdown, List<String> tags, Publication publication,
            boolean commentsEnabled) {

        Instant publishedAt(Instant now, Instant previously) {
            return switch (publication.kind()) {
                case DRAFT -> null;
                case NOW -> previously != null && !previously.isAfter(now) ? previously : now;
                case AT -> publication.at().truncatedTo(ChronoUnit.MILLIS);
            };
        }
    }
}
