package dev.modulo.blog.web;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;


import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.blog.AtomFeeds;
import dev.modulo.blog.AtomFeeds.AtomFeed;
import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogProperties;
import dev.modulo.blog.CommentService;
import dev.modulo.blog.CommentsClosed;
import dev.modulo.blog.PublicBlog;
import dev.modulo.blog.PublicBlog.Blog;
import dev.modulo.platform.InvalidInput;
import dev.modulo.web.ClientAddress;
import dev.modulo.web.PageNumber;
import dev.modulo.web.RateLimiter;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Everyone's view of a blog: {@code /@username}, its posts, and its tag pages. */
@Controller
class PublicBlogController {

    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PublicBlog blogs;
    private final AtomFeeds feeds;
    private final CommentService comments;
    private final RateLimiter commenters;

    PublicBlogController(PublicBlog blogs, AtomFeeds feeds, CommentService comments, BlogProperties properties) {
        this.blogs = blogs;
        this.feeds = feeds;
        this.comments = comments;
        this.commenters = new RateLimiter(properties.commentsPerHour(), Duration.ofHours(1));
    }

    @GetMapping(path = "/@{username}/feed.atom")
    Mono<ResponseEntity<String>> feed(@PathVariable String username) {
        return blogs.blog(username).flatMap(feeds::blogFeed).map(PublicBlogController::atom);
    }

    @GetMapping(path = "/@{username}/tags/{tag}/feed.atom")
    Mono<ResponseEntity<String>> tagFeed(@PathVariable String username, @PathVariable String tag) {
        return blogs.blog(username).flatMap(blog -> feeds.tagFeed(blog, tag)).map(PublicBlogController::atom);
    }

    /** With an ETag and Last-Modified, Spring answers a matching conditional GET with 304. */
    private static ResponseEntity<String> atom(AtomFeed feed) {
        return ResponseEntity.ok()
                .contentType(ATOM)
                .eTag(feed.etag())
                .lastModified(feed.updated())
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(feed.xml());
    }

    @GetMapping("/@{username}")
    Mono<Rendering> index(@PathVariable String username, PageNumber page,
            @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange) {
        return blogs.blog(username)
                .flatMap(blog -> blogs.index(blog, page.value())
                        .map(posts -> page.requireContent(posts, posts.posts().isEmpty()))
                        .map(posts -> listing(blog, viewer, exchange)
                                .modelAttribute("page", posts)
                                .modelAttribute("pagePath", "/@" + blog.username())
                                .modelAttribute("feedUrl", AtomFeeds.path(blog.username(), null))
                                .modelAttribute("feedTitle", blog.settings().title())
                                .build()));
    }

    @GetMapping("/@{username}/tags/{tag}")
    Mono<Rendering> tag(@PathVariable String username, @PathVariable String tag,
            PageNumber page, @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange) {
        return blogs.blog(username)
                .flatMap(blog -> blogs.tagged(blog, tag, page.value())
                        .map(posts -> page.requireContent(posts, posts.posts().isEmpty()))
                        .map(posts -> listing(blog, viewer, exchange)
                                .modelAttribute("page", posts)
                                .modelAttribute("tag", tag)
                                .modelAttribute("pagePath", "/@" + blog.username() + "/tags/" + tag)
                                .modelAttribute("feedUrl", AtomFeeds.path(blog.username(), tag))
                                .modelAttribute("feedTitle", blog.settings().title() + " — " + tag)
                                .build()));
    }

    @GetMapping("/@{username}/{year}/{month}/{slug}")
    Mono<Rendering> post(@PathVariable String username, @PathVariable int year, @PathVariable int month,
            @PathVariable String slug, @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange,
            PageNumber page) {
        boolean commented = exchange.getRequest().getQueryParams().containsKey("commented");
        return blogs.blog(username)
                .flatMap(blog -> blogs.post(blog, slug, isOwner(blog, viewer))
                        .flatMap(post -> {
                            if (month < 1 || month > 12 || year < 1 || year > 9999
                                    || !post.addressMonth(blog.zone()).equals(YearMonth.of(year, month))) {
                                // An old or mistyped month: send readers to the post's one address.
                                return Mono.just(Rendering.redirectTo("/@" + blog.username() + post.path(blog.zone()))
                                        .build());
                            }
                            cacheFor(viewer, exchange);
                            return postPage(blog, post, viewer, page.value(), CommentForm.EMPTY, Map.of(),
                                    commented ? "Thank you! Your comment will appear once " + blog.username()
                                            + " has approved it." : null, HttpStatus.OK);
                        }));
    }

    @PostMapping("/@{username}/{year}/{month}/{slug}/comments")
    Mono<Rendering> comment(@PathVariable String username, @PathVariable String slug,
            @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange) {
        return blogs.blog(username).flatMap(blog -> blogs.post(blog, slug, false).flatMap(post ->
                exchange.getFormData().map(CommentForm::of).flatMap(form -> {
                    if (form.isBot()) {
                        return postPage(blog, post, viewer, 1, form, Map.of("form", "Your browser filled in a field meant "
                                + "to catch robots. If you are a person, clear it and try again."), null, HttpStatus.BAD_REQUEST);
                    }
                    if (!commenters.tryAcquire(ClientAddress.of(exchange))) {
                        return postPage(blog, post, viewer, 1, form, Map.of("form",
                                "You have commented a lot in the last hour. Please try again later."), null,
                                HttpStatus.TOO_MANY_REQUESTS);
                    }
                    return comments.submit(blog, slug, form.name(), form.url(), form.text())
                            .map(saved -> Rendering.redirectTo("/@" + blog.username() + post.path(blog.zone())
                                    + "?commented#comments").build())
                            .onErrorResume(InvalidInput.class, invalid -> postPage(blog, post, viewer, 1, form,
                                    invalid.fieldErrors(), null, HttpStatus.BAD_REQUEST))
                            .onErrorResume(CommentsClosed.class, closed -> postPage(blog, post, viewer, 1, form,
                                    Map.of("form", closed.getMessage()), null, HttpStatus.FORBIDDEN));
                })));
    }

    private Mono<Rendering> postPage(Blog blog, BlogPost post, AccountPrincipal viewer, int commentsPage,
            CommentForm form, Map<String, String> errors, String notice, HttpStatus status) {
        return Mono.zip(comments.approved(post, commentsPage), comments.approvedCount(post)).map(approved -> {
            Rendering.Builder<?> page = Rendering.view("blog/public-post")
                    .modelAttribute("blog", blog)
                    .modelAttribute("post", post)
                    .modelAttribute("owner", isOwner(blog, viewer))
                    .modelAttribute("now", blogs.now())
                    .modelAttribute("comments", approved.getT1().items())
                    .modelAttribute("commentsPage", approved.getT1())
                    .modelAttribute("commentCount", approved.getT2())
                    .modelAttribute("commentsOpen", blog.settings().commentsEnabled() && post.commentsEnabled()
                            && post.isPublic(blogs.now()))
                    .modelAttribute("form", form)
                    .modelAttribute("errors", errors)
                    .modelAttribute("feedUrl", AtomFeeds.path(blog.username(), null))
                    .modelAttribute("feedTitle", blog.settings().title())
                    .status(status);
            if (notice != null) {
                page.modelAttribute("notice", notice);
            }
            return page.build();
        });
    }

    private Rendering.Builder<?> listing(Blog blog, AccountPrincipal viewer, ServerWebExchange exchange) {
        cacheFor(viewer, exchange);
        return Rendering.view("blog/public-index")
                .modelAttribute("blog", blog)
                .modelAttribute("owner", isOwner(blog, viewer));
    }

    private static boolean isOwner(Blog blog, AccountPrincipal viewer) {
        return viewer != null && viewer.accountId() == blog.accountId();
    }

    /**
     * What a reader sees is the same for every reader (the comment form carries no token of theirs),
     * so any cache may keep it for a minute: browsers, proxies, and Modulo's own page cache (which
     * keeps it until the blog changes). What a signed-in person sees is always fresh.
     */
    private static void cacheFor(AccountPrincipal viewer, ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.setCacheControl(viewer == null ? "public, max-age=60" : "private, no-cache");
        headers.add(HttpHeaders.VARY, HttpHeaders.COOKIE);
    }
}
