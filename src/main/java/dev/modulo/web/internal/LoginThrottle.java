package dev.modulo.web.internal;

import java.net.URI;
import java.time.Duration;

import dev.modulo.web.ClientAddress;
import dev.modulo.web.RateLimiter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits login attempts before any password is hashed; an attempt over a limit goes back to the
 * login page with a message. Guesses are counted per client address and name, and per client
 * address over all names, never per name alone: otherwise anyone could lock a person out by
 * guessing at their name. A browser that logged in as that name before ({@link KnownDevices})
 * is counted on its own, so guesses from its network do not lock it out either.
 */
final class LoginThrottle implements WebFilter {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final String loginPath;
    private final KnownDevices devices;
    private final RateLimiter byAddressAndName;
    private final RateLimiter byAddress;
    private final RateLimiter byDevice;

    LoginThrottle(String loginPath, KnownDevices devices, int perNamePerMinute, int perAddressPerMinute) {
        this.loginPath = loginPath;
        this.devices = devices;
        this.byAddressAndName = new RateLimiter(perNamePerMinute, MINUTE);
        this.byAddress = new RateLimiter(perAddressPerMinute, MINUTE);
        this.byDevice = new RateLimiter(perNamePerMinute, MINUTE);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isLoginAttempt(exchange)) {
            return chain.filter(exchange);
        }
        return exchange.getFormData()
                .map(form -> KnownDevices.normalise(form.getFirst("username")))
                .flatMap(login -> allowed(exchange, login) ? chain.filter(exchange) : throttled(exchange));
    }

    private boolean isLoginAttempt(ServerWebExchange exchange) {
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && loginPath.equals(exchange.getRequest().getPath().pathWithinApplication().value());
    }

    private boolean allowed(ServerWebExchange exchange, String login) {
        return devices.deviceFor(exchange, login)
                .map(byDevice::tryAcquire)
                .orElseGet(() -> {
                    String address = ClientAddress.of(exchange);
                    // Both are charged, so one address cannot spread guesses over many names unnoticed.
                    boolean addressOk = byAddress.tryAcquire(address);
                    boolean nameOk = byAddressAndName.tryAcquire(address + " " + login);
                    return addressOk && nameOk;
                });
    }

    private Mono<Void> throttled(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(loginPath + "?throttled"));
        return response.setComplete();
    }
}
