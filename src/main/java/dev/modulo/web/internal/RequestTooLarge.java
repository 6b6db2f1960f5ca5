package dev.modulo.web.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A form larger than the codecs' buffer ({@code spring.http.codecs.max-in-memory-size}) is the sender's mistake: 413 with the
 * error page, not a 500. First in line, because security filters read forms too (CSRF, login).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTooLarge implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange)
                .onErrorMap(DataBufferLimitException.class,
                        tooLarge -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "Request too large"));
    }
}
