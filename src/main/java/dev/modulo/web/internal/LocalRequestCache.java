package dev.modulo.web.internal;

import java.net.URI;

import dev.modulo.web.LocalRedirects;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The page to return to after login, kept in a cookie. A cookie can be set by others (another
 * site on a sibling domain, a tampered browser), so the saved address is only followed when it is
 * a local path ({@link LocalRedirects}); otherwise login goes to the dashboard, as without one.
 */
final class LocalRequestCache implements ServerRequestCache {

    private final CookieServerRequestCache cookies = new CookieServerRequestCache();

    @Override
    public Mono<Void> saveRequest(ServerWebExchange exchange) {
        return cookies.saveRequest(exchange);
    }

    @Override
    public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
        return cookies.getRedirectUri(exchange)
                .onErrorResume(IllegalArgumentException.class, unreadable -> Mono.empty())
                .filter(uri -> LocalRedirects.isLocal(uri.toString()));
    }

    @Override
    public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
        return cookies.removeMatchingRequest(exchange);
    }
}
