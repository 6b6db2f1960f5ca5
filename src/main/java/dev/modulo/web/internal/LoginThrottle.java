package dev.modulo.web.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import dev.modulo.web.ClientAddress;
import dev.modulo.web.RateLimiter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits login attempts per client address and per username, before any password is hashed.
 * An attempt over the limit goes back to the login page with a message, not to the password check.
 */
final class LoginThrottle implements WebFilter {

    private final String loginPath;
    private final RateLimiter byAddress;
    private final RateLimiter byUsername;

    LoginThrottle(String loginPath, int attemptsPerMinute) {
        this.loginPath = loginPath;
        this.byAddress = new RateLimiter(attemptsPerMinute, Duration.ofMinutes(1));
        this.byUsername = new RateLimiter(attemptsPerMinute, Duration.ofMinutes(1));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isLoginAttempt(exchange)) {
            return chain.filter(exchange);
        }
        return exchange.getFormData()
                .map(form -> String.valueOf(form.getFirst("username")).strip().toLowerCase(Locale.ROOT))
                .flatMap(username -> allowed(exchange, username) ? chain.filter(exchange) : throttled(exchange));
    }

    private boolean isLoginAttempt(ServerWebExchange exchange) {
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && loginPath.equals(exchange.getRequest().getPath().pathWithinApplication().value());
    }

    private boolean allowed(ServerWebExchange exchange, String username) {
        // Both buckets are charged, so one address cannot spread guesses over many names unnoticed.
        boolean addressOk = byAddress.tryAcquire(ClientAddress.of(exchange));
        boolean usernameOk = byUsername.tryAcquire(username);
        return addressOk && usernameOk;
    }

    private Mono<Void> throttled(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(loginPath + "?throttled"));
        return response.setComplete();
    }
}
