package dev.modulo.blog.web;

import java.time.Duration;
import java.time.YearMonth;


import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.blog.AtomFeeds;
import dev.modulo.blog.AtomFeeds.AtomFeed;
import dev.modulo.blog.PublicBlog;
import dev.modulo.blog.PublicBlog.Blog;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Everyone's view of a blog: {@code /@username}, its posts, and its tag pages. */
@Controller
class PublicBlogController {

    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PublicBlog blogs;
    private final AtomFeeds feeds;

    PublicBlogController(PublicBlog blogs, AtomFeeds feeds) {
        this.blogs = blogs;
        this.feeds = feeds;
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
    Mono<Rendering> index(@PathVariable String username, @RequestParam(name = "page", defaultValue = "1") int page,
            @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange) {
        return blogs.blog(username)
                .flatMap(blog -> blogs.index(blog, page)
                        .map(posts -> listing(blog, viewer, exchange)
                                .modelAttribute("page", posts)
                                .modelAttribute("pagePath", "/@" + blog.username())
                                .modelAttribute("feedUrl", AtomFeeds.path(blog.username(), null))
                                .modelAttribute("feedTitle", blog.settings().title())
                                .build()));
    }

    @GetMapping("/@{username}/tags/{tag}")
    Mono<Rendering> tag(@PathVariable String username, @PathVariable String tag,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange) {
        return blogs.blog(username)
                .flatMap(blog -> blogs.tagged(blog, tag, page)
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
            @PathVariable String slug, @AuthenticationPrincipal AccountPrincipal viewer, ServerWebExchange exchange) {
        return blogs.blog(username)
                .flatMap(blog -> blogs.post(blog, slug, isOwner(blog, viewer))
                        .map(post -> {
                            if (!post.addressMonth(blog.zone()).equals(YearMonth.of(year, month))) {
                                // An old or mistyped month: send readers to the post's one address.
                                return Rendering.redirectTo("/@" + blog.username() + post.path(blog.zone())).build();
                            }
                            cacheFor(viewer, exchange);
                            return Rendering.view("blog/public-post")
                                    .modelAttribute("blog", blog)
                                    .modelAttribute("post", post)
                                    .modelAttribute("owner", isOwner(blog, viewer))
                                    .modelAttribute("now", blogs.now())
                                    .modelAttribute("feedUrl", AtomFeeds.path(blog.username(), null))
                                    .modelAttribute("feedTitle", blog.settings().title())
                                    .build();
                        }));
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

    /** Readers' pages may be cached briefly anywhere; what a signed-in person sees, only by them. */
    private static void cacheFor(AccountPrincipal viewer, ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.setCacheControl(viewer == null ? "public, max-age=60" : "private, no-cache");
        headers.add(HttpHeaders.VARY, HttpHeaders.COOKIE);
    }
}
