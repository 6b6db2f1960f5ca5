package dev.modulo.blog.web;

import java.util.Map;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.blog.BlogService;
import dev.modulo.blog.BlogSettings;
import dev.modulo.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The blog's title, description and comment switch. */
@Controller
class BlogSettingsController {

    private final BlogService blog;

    BlogSettingsController(BlogService blog) {
        this.blog = blog;
    }

    @GetMapping("/blog/settings")
    Mono<Rendering> show(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        boolean saved = exchange.getRequest().getQueryParams().containsKey("saved");
        return blog.settings(me.accountId()).map(settings -> page(settings, Map.of(), saved, HttpStatus.OK));
    }

    @PostMapping("/blog/settings")
    Mono<Rendering> update(@AuthenticationPrincipal AccountPrincipal me, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> blog.updateSettings(me.accountId(), form.getFirst("title"),
                        form.getFirst("description"), form.containsKey("commentsEnabled"))
                .thenReturn(Rendering.redirectTo("/blog/settings?saved").build())
                .onErrorResume(InvalidInput.class, invalid -> Mono.just(page(new BlogSettings(me.accountId(),
                        form.getFirst("title"), form.getFirst("description"), form.containsKey("commentsEnabled"),
                        null), invalid.fieldErrors(), false, HttpStatus.BAD_REQUEST))));
    }

    private static Rendering page(BlogSettings settings, Map<String, String> errors, boolean saved, HttpStatus status) {
        return Rendering.view("blog/settings")
                .modelAttribute("settings", settings)
                .modelAttribute("errors", errors)
                .modelAttribute("saved", saved)
                .status(status)
                .build();
    }
}
