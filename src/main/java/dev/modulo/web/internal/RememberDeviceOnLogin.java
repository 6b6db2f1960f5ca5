package dev.modulo.web.internal;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import reactor.core.publisher.Mono;

/** After a successful login, marks the browser as a known device for the name it used, then carries on. */
final class RememberDeviceOnLogin implements ServerAuthenticationSuccessHandler {

    private final KnownDevices devices;
    private final ServerAuthenticationSuccessHandler next;

    RememberDeviceOnLogin(KnownDevices devices, ServerAuthenticationSuccessHandler next) {
        this.devices = devices;
        this.next = next;
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
        // The form was read (and kept) by the login filter already.
        return exchange.getExchange().getFormData()
                .flatMap(form -> devices.remember(exchange.getExchange(), KnownDevices.normalise(form.getFirst("username"))))
                .then(Mono.defer(() -> next.onAuthenticationSuccess(exchange, authentication)));
    }
}
