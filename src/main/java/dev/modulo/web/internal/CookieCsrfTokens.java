package dev.modulo.web.internal;

import java.util.UUID;

import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * CSRF tokens kept in a cookie (so visitors hold no server session), made on the thread at hand.
 *
 * <p>Spring's cookie repository makes each new token on the shared {@code boundedElastic} scheduler,
 * in case the random source blocks, and the rest of the request (rendering the page) then runs
 * there too: every first-time visitor's page queued behind whatever else used that scheduler, such as
 * the file writes of uploads (the head-of-line benchmark showed it). Here the JVM's default
 * SecureRandom is DRBG, seeded once at start-up ({@code ModuloApplication}, {@code EntropyWarmup}),
 * so a new token is a few microseconds of computation and never touches a file.
 */
final class CookieCsrfTokens implements ServerCsrfTokenRepository {

    static final String HEADER = "X-CSRF-TOKEN";
    static final String PARAMETER = "_csrf";

    private final CookieServerCsrfTokenRepository cookies = new CookieServerCsrfTokenRepository();

    CookieCsrfTokens() {
        cookies.setHeaderName(HEADER);
        cookies.setParameterName(PARAMETER);
        cookies.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    }

    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> new DefaultCsrfToken(HEADER, PARAMETER, UUID.randomUUID().toString()));
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
        return cookies.saveToken(exchange, token);
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        return cookies.loadToken(exchange);
    }
}
