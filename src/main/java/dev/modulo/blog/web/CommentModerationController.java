package dev.modulo.blog.web;

import java.util.Locale;

import dev.modulo.accounts.AccountPrincipal;
import dev.modulo.accounts.AccountService;
import dev.modulo.blog.CommentService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** Blog → Comments: the owner approves, rejects or deletes what visitors wrote. */
@Controller
@RequestMapping("/blog/comments")
class CommentModerationController {

    private final CommentService comments;
    private final AccountService accounts;

    CommentModerationController(CommentService comments, AccountService accounts) {
        this.comments = comments;
        this.accounts = accounts;
    }

    @GetMapping
    Mono<Rendering> queue(@AuthenticationPrincipal AccountPrincipal me,
            @RequestParam(name = "status", defaultValue = "pending") String status) {
        return Mono.zip(comments.queue(me.accountId(), status), accounts.find(me.accountId()))
                .map(found -> Rendering.view("blog/comments")
                        .modelAttribute("queue", found.getT1())
                        .modelAttribute("status", status.toLowerCase(Locale.ROOT))
                        .modelAttribute("zone", found.getT2().zone())
                        .modelAttribute("username", found.getT2().username())
                        .build());
    }

    @PostMapping("/{id}/approve")
    Mono<Rendering> approve(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "from", defaultValue = "pending") String from) {
        return comments.approve(me.accountId(), id).thenReturn(back(from));
    }

    @PostMapping("/{id}/reject")
    Mono<Rendering> reject(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "from", defaultValue = "pending") String from) {
        return comments.reject(me.accountId(), id).thenReturn(back(from));
    }

    @PostMapping("/{id}/spam")
    Mono<Rendering> spam(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "from", defaultValue = "pending") String from) {
        return comments.markSpam(me.accountId(), id).thenReturn(back(from));
    }

    @PostMapping("/{id}/not-spam")
    Mono<Rendering> notSpam(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "from", defaultValue = "pending") String from) {
        return comments.markNotSpam(me.accountId(), id).thenReturn(back(from));
    }

    @PostMapping("/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal AccountPrincipal me, @PathVariable long id,
            @RequestParam(name = "from", defaultValue = "pending") String from) {
        return comments.delete(me.accountId(), id).thenReturn(back(from));
    }

    private static Rendering back(String from) {
        String status = switch (from) {
            case "approved", "rejected" -> from;
            default -> "pending";
        };
        return Rendering.redirectTo("/blog/comments?status=" + status).build();
    }
}
