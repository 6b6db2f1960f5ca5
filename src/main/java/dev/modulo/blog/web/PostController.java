package dev.modulo.blog.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.accounts.AccountService;
import dev.modulo.blog.BlogPost;
import dev.modulo.blog.BlogService;
import dev.modulo.blog.PostDraft;
import dev.modulo.images.ImageService;
import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.web.PageNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The owner's side of the blog: the list of posts, the editor, and deleting. */
@Controller
@RequestMapping("/blog")
class PostController {

    /** Pictures offered in the editor's picker: the most recent ones. */
    private static final int PICKER_SIZE = 24;

    private final BlogService blog;
    private final AccountService accounts;
    private final ImageService images;

    PostController(BlogService blog, AccountService accounts, ImageService images) {
        this.blog = blog;
        this.accounts = accounts;
        this.images = images;
    }

    @GetMapping
    Mono<Rendering> list(@AuthenticationPrincipal AccountPrincipal me,
            PageNumber page) {
        return Mono.zip(blog.list(me.accountId(), page.value())
                                .map(posts -> page.requireContent(posts, posts.posts().isEmpty())),
                        accounts.find(me.accountId()), blog.settings(me.accountId()))
                .map(found -> Rendering.view("blog/posts")
                        .modelAttribute("page", found.getT1())
                        .modelAttribute("zone", found.getT2().zone())
                        .modelAttribute("username", found.getT2().username())
                        .modelAttribute("settings", found.getT3())
                        .modelAttribute("now", Instant.now())
                        .build());
    }

    @GetMapping("/new")
    Mono<Rendering> initCreateForm(@AuthenticationPrincipal AccountPrincipal me) {
        return blog.settings(me.accountId())
                .map(settings -> new PostDraft("", "", "", "", "draft", "", settings.commentsEnabled()))
                .flatMap(draft -> editor(me, null, draft, Map.of(), null, null, HttpStatus.OK));
    }

    @PostMapping
    Mono<Rendering> processCreateForm(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            PostDraft draft = EditorForm.draftOf(form);
            if (EditorForm.wantsPreview(form)) {
                return previewIn(me, null, draft);
            }
            return blog.create(me.accountId(), draft)
                    .map(post -> Rendering.redirectTo("/blog/" + post.id() + "/edit?saved").build())
                    .onErrorResume(InvalidInput.class, invalid ->
                            editor(me, null, draft, invalid.fieldErrors(), null, null, HttpStatus.BAD_REQUEST));
        });
    }

    @GetMapping("/{id}/edit")
    Mono<Rendering> initUpdateForm(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return Mono.zip(blog.find(me.accountId(), id), accounts.find(me.accountId()))
                .flatMap(found -> editor(me, found.getT1(), EditorForm.draftOf(found.getT1(), found.getT2().zone()),
                        Map.of(), null, exchange.getRequest().getQueryParams().containsKey("saved") ? "Saved." : null,
                        HttpStatus.OK));
    }

    @PostMapping("/{id}")
    Mono<Rendering> processUpdateForm(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            ServerWebExchange exchange) {
        return blog.find(me.accountId(), id).flatMap(found -> exchange.getFormData().flatMap(form -> {
            PostDraft draft = EditorForm.draftOf(form);
            // The version the editor was first shown with travels through previews too.
            String typed = form.getFirst("version");
            BlogPost post = typed == null || typed.isBlank() ? found
                    : EditorForm.withVersion(found, ChangedElsewhere.expectedVersion(typed, found.version()));
            if (EditorForm.wantsPreview(form)) {
                return previewIn(me, post, draft);
            }
            return blog.update(me.accountId(), id, draft, post.version())
                    .map(saved -> Rendering.redirectTo("/blog/" + saved.id() + "/edit?saved").build())
                    .onErrorResume(InvalidInput.class, invalid ->
                            editor(me, post, draft, invalid.fieldErrors(), null, null, HttpStatus.BAD_REQUEST))
                    // What was typed stays, over the version saved meanwhile: saving again is a choice.
                    .onErrorResume(ChangedElsewhere.class, changed -> blog.find(me.accountId(), id)
                            .flatMap(now -> editor(me, now, draft, ChangedElsewhere.formErrors(), null, null,
                                    HttpStatus.CONFLICT)));
        }));
    }

    /** For the editor's script: the rendered preview of what is typed, as an HTML fragment. */
    @PostMapping(path = "/preview", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> preview(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> blog.preview(form.getFirst("bodyMarkdown")))
                .map(html -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html))
                .onErrorResume(InvalidInput.class, invalid -> Mono.just(ResponseEntity.badRequest()
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(String.join(" ", invalid.fieldErrors().values()))));
    }

    @GetMapping("/{id}/delete")
    Mono<Rendering> confirmDelete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return blog.find(me.accountId(), id)
                .map(post -> Rendering.view("blog/delete").modelAttribute("post", post).build());
    }

    @PostMapping("/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id) {
        return blog.delete(me.accountId(), id)
                .thenReturn(Rendering.redirectTo("/blog?deleted").build());
    }

    private Mono<Rendering> previewIn(AccountPrincipal me, BlogPost post, PostDraft draft) {
        return blog.preview(draft.bodyMarkdown())
                .flatMap(html -> editor(me, post, draft, Map.of(), html, null, HttpStatus.OK))
                .onErrorResume(InvalidInput.class, invalid ->
                        editor(me, post, draft, invalid.fieldErrors(), null, null, HttpStatus.BAD_REQUEST));
    }

    private Mono<Rendering> editor(AccountPrincipal me, BlogPost post, PostDraft draft, Map<String, String> errors,
            String previewHtml, String notice, HttpStatus status) {
        return Mono.zip(accounts.find(me.accountId()), images.list(me.accountId(), 1)).map(found -> {
            var account = found.getT1();
            var pictures = found.getT2().images();
            Rendering.Builder<?> view = Rendering.view("blog/editor")
                    .modelAttribute("pictures", pictures.size() > PICKER_SIZE ? pictures.subList(0, PICKER_SIZE) : pictures)
                    .modelAttribute("draft", draft)
                    .modelAttribute("errors", errors)
                    .modelAttribute("zone", account.zone())
                    .modelAttribute("username", account.username())
                    .modelAttribute("now", Instant.now())
                    .status(status);
            if (post != null) {
                view.modelAttribute("post", post);
                view.modelAttribute("version", post.version());
            }
            if (previewHtml != null) {
                view.modelAttribute("previewHtml", previewHtml);
            }
            if (notice != null) {
                view.modelAttribute("notice", notice);
            }
            return view.build();
        });
    }

    /** Reads the editor's form fields into a draft, and a post back into the editor's fields. */
    static final class EditorForm {

        private EditorForm() {
        }

        static PostDraft draftOf(MultiValueMap<String, String> form) {
            return new PostDraft(form.getFirst("title"), form.getFirst("slug"), form.getFirst("bodyMarkdown"),
                    form.getFirst("tags"), form.getFirst("publish"), form.getFirst("publishAt"),
                    form.containsKey("commentsEnabled"));
        }

        static PostDraft draftOf(BlogPost post, ZoneId zone) {
            String publish = post.isDraft() ? "draft" : post.isScheduled(Instant.now()) ? "at" : "now";
            String at = post.publishedAt() == null ? ""
                    : post.publishedAt().atZone(zone).toLocalDateTime().withSecond(0).withNano(0).toString();
            return new PostDraft(post.title(), post.slug(), post.bodyMarkdown(), String.join(", ", post.tagList()),
                    publish, at, post.commentsEnabled());
        }

        /** The post as the editor was shown it: at the version its form carries. */
        static BlogPost withVersion(BlogPost post, long version) {
            return new BlogPost(post.id(), post.accountId(), post.slug(), post.title(), post.bodyMarkdown(),
                    post.bodyHtml(), post.tags(), post.publishedAt(), post.commentsEnabled(), post.createdAt(),
                    post.updatedAt(), version);
        }

        static boolean wantsPreview(MultiValueMap<String, String> form) {
            return "preview".equals(form.getFirst("action"));
        }
    }
}
