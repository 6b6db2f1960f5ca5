package dev.modulo.web.internal;

import dev.modulo.web.ClientFault;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses addresses with encoded NUL, {@code %25}, {@code %2F}, {@code ..},
 * control characters and unknown methods; by default with an empty 400. Here the refusal is a
 * {@link ClientFault}, so the person gets the 400 page saying what was wrong.
 */
@Configuration(proxyBeanMethods = false)
class FirewallRejections {

    @Bean
    ServerExchangeRejectedHandler rejectedAsClientFault() {
        return (exchange, rejected) -> Mono.error(ClientFault.badRequest(
                "The address has characters or a form Modulo does not accept (such as an encoded “/”, “%” or NUL)."
                        + " Go back and follow a link instead."));
    }
}
