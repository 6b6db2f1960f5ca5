package dev.modulo.blog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import dev.modulo.accounts.AccountService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reading a blog, as anyone on the web does. Only published posts whose time has come are
 * visible, except to the blog's owner, who also sees drafts and scheduled posts.
 */
@Service
public class PublicBlog {

    static final int PAGE_SIZE = 10;

    /** A blog as its readers meet it. */
    public record Blog(long accountId, String username, ZoneId zone, BlogSettings settings, Instant since) {
    }

    private final AccountService accounts;
    private final BlogService blogs;
    private final BlogPosts posts;
    private final Clock clock;

    PublicBlog(AccountService accounts, BlogService blogs, BlogPosts posts, ObjectProvider<Clock> clock) {
        this.accounts = accounts;
        this.blogs = blogs;
        this.posts = posts;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The blog at {@code /@username}; {@link PostNotFound} when there is no such account. */
    public Mono<Blog> blog(String username) {
        return accounts.findByUsername(username)
                .switchIfEmpty(Mono.error(PostNotFound::new))
                .flatMap(account -> blogs.settings(account.id())
                        .map(settings -> new Blog(account.id(), account.username(), account.zone(), settings,
                                account.createdAt())));
    }

    /** Published posts, newest first; one query for the page, tags included. */
    public Mono<PostPage> index(Blog blog, int page) {
        int number = Math.max(page, 1);
        return posts.findPublished(blog.accountId(), clock.instant(), PAGE_SIZE + 1, PostPage.offset(number, PAGE_SIZE))
                .collectList()
                .map(rows -> PostPage.of(rows, number, PAGE_SIZE));
    }

    public Mono<PostPage> tagged(Blog blog, String tag, int page) {
        int number = Math.max(page, 1);
        return posts.findPublishedWithTag(blog.accountId(), tag, clock.instant(), PAGE_SIZE + 1,
                        PostPage.offset(number, PAGE_SIZE))
                .collectList()
                .map(rows -> PostPage.of(rows, number, PAGE_SIZE));
    }

    /** The post with this slug, if the viewer may see it; {@link PostNotFound} otherwise. */
    public Mono<BlogPost> post(Blog blog, String slug, boolean viewerIsOwner) {
        return posts.findByAccountIdAndSlug(blog.accountId(), slug)
                .filter(post -> viewerIsOwner || post.isPublic(clock.instant()))
                .switchIfEmpty(Mono.error(PostNotFound::new));
    }

    public Instant now() {
        return clock.instant();
    }
}
