package dev.modulo.web.internal;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Forms without a CSRF token ({@link dev.modulo.web.AnonymousForms}) are refused when the browser
 * says they come from another site: {@code Sec-Fetch-Site} other than {@code same-origin} (or
 * {@code none}, typed by the person), else an {@code Origin} whose host is not this request's.
 * A request with neither header is not from a browser that could be tricked into sending it, and
 * passes. This is the token-less protection of Go's {@code http.CrossOriginProtection}.
 */
final class SameOriginForms implements WebFilter {

    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private final ServerWebExchangeMatcher forms;

    SameOriginForms(ServerWebExchangeMatcher forms) {
        this.forms = forms;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return forms.matches(exchange).flatMap(form -> form.isMatch() && fromAnotherSite(exchange.getRequest())
                ? CsrfRejected.write(exchange)
                : chain.filter(exchange));
    }

    static boolean fromAnotherSite(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String site = headers.getFirst(SEC_FETCH_SITE);
        if (site != null) {
            return !(site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none"));
        }
        String origin = headers.getOrigin();
        if (origin == null) {
            return false;
        }
        String host = headers.getFirst(HttpHeaders.HOST);
        try {
            String authority = new URI(origin).getRawAuthority();
            // "null" (a sandboxed or privacy-sensitive context) names no host: not ours.
            return authority == null || host == null || !authority.equalsIgnoreCase(host);
        } catch (URISyntaxException unreadable) {
            return true;
        }
    }
}
