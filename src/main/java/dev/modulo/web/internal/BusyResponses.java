package dev.modulo.web.internal;

import dev.modulo.platform.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A deadline passed or a bulkhead was full: the server is busy, not broken. Such a request gets
 * 503 with {@code Retry-After} and the "busy" page (error/503), and the log a warning without a
 * stack trace, instead of a 500 or a request that hangs.
 *
 * <p>Busy is what {@link Busy#isBusy} says: no database connection within
 * {@code spring.r2dbc.pool.max-acquire-time}, a row lock not granted in time, a full bulkhead
 * ({@link dev.modulo.platform.Blocking}), no turn at the door ({@link RequestAdmission}), or any
 * {@code .timeout(…)} that fired.
 */
@Component
@Order(-2) // before Boot's error handler (-1), which then renders the page for the status chosen here
class BusyResponses implements WebExceptionHandler {

    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(BusyResponses.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!Busy.isBusy(error) || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        log.warn("Busy: {} {} answered 503 ({})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), rootCause(error));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Busy, try again shortly"));
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
