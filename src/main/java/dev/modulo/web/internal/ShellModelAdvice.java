package dev.modulo.web.internal;

import java.util.Comparator;
import java.util.List;

import dev.modulo.web.NavigationTab;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What the layout needs on every page: the tabs, who is signed in, and the CSRF token. */
@ControllerAdvice
class ShellModelAdvice {

    private final List<NavigationTab> tabs;

    ShellModelAdvice(ObjectProvider<NavigationTab> tabs) {
        this.tabs = tabs.stream().sorted(Comparator.comparingInt(NavigationTab::order)).toList();
    }

    @ModelAttribute("navigation")
    List<NavigationTab> navigation() {
        return tabs;
    }

    @ModelAttribute("currentPath")
    String currentPath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value();
    }

    @ModelAttribute("signedInAs")
    Mono<String> signedInAs() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getName);
    }

    /**
     * Subscribing makes the token exist; every {@code th:action} form then carries it as a hidden
     * field. Not on pages shared by every visitor ({@link SharedPageCache}): their forms take none.
     */
    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        if (exchange.getAttribute(SharedPageCache.SHARED) != null) {
            return Mono.empty();
        }
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token != null ? token : Mono.empty();
    }
}
