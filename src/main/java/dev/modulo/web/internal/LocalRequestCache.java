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

    /** The cookie {@link CookieServerRequestCache} keeps the address in. */
    static final String COOKIE = "REDIRECT_URI";

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

    /**
     * Spring's cookie cache expires its cookie on every request, whether the browser has it or not:
     * a Set-Cookie on every answer, which no shared cache may keep. Only a browser that has it is
     * told to drop it.
     */
    @Override
    public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
        return exchange.getRequest().getCookies().containsKey(COOKIE)
                ? cookies.removeMatchingRequest(exchange)
                : Mono.empty();
    }
}
