package dev.modulo.web.internal;

import dev.modulo.web.ClientFault;
import io.netty.handler.timeout.ReadTimeoutException;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place where a sender's mistake that surfaced as an exception (in a filter, a codec or a
 * controller) becomes a {@link ClientFault}: a 4xx with a sentence for people, rendered by Boot's
 * error handler with {@code error/4xx} (or JSON for scripts) and never logged as an error.
 *
 * <ul>
 * <li>a body over {@code spring.http.codecs.max-in-memory-size}, or a multipart form with more
 * parts than {@code spring.webflux.multipart.max-parts}: 413;
 * <li>a multipart body that cannot be read (an unusual or missing boundary), a Content-Type header
 * that cannot be parsed: 400;
 * <li>a request body that stops arriving ({@code modulo.web.client.read-timeout}): 408;
 * <li>an address whose path holds something that is not an id ({@code /images/abc}): 404, as for
 * any address with nothing behind it; a query parameter of the wrong type: 400 naming it;
 * <li>a value the database refuses as data (SQLSTATE class 22: too long, out of range), which means
 * a check was missed before the insert: 400, and a warning so the missing check gets written.
 * </ul>
 */
@Component
@Order(-3) // before BusyResponses (-2) and Boot's error handler (-1)
class ClientFaults implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientFaults.class);

    private final int maxParts;

    ClientFaults(@Value("${spring.webflux.multipart.max-parts:-1}") int maxParts) {
        this.maxParts = maxParts;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted() || error instanceof ClientFault) {
            return Mono.error(error);
        }
        ClientFault fault = faultOf(error);
        if (fault == null) {
            return Mono.error(error);
        }
        if (isDataException(error)) {
            log.warn("{} {} answered 400: the database refused a value ({}); a length or range check is missing",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), rootCause(error));
        } else {
            log.debug("{} {} answered {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), fault.getStatusCode(), rootCause(error));
        }
        return Mono.error(fault);
    }

    /** The client fault {@code error} stands for, or null when it is not one. */
    ClientFault faultOf(Throwable error) {
        if (error instanceof ServerWebInputException input) {
            return inputFault(input);
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return new ClientFault(HttpStatus.CONTENT_TOO_LARGE, "What you sent is larger than Modulo accepts.");
        }
        DecodingException unreadable = cause(error, DecodingException.class);
        if (unreadable != null) {
            if (String.valueOf(unreadable.getMessage()).startsWith("Too many parts")) {
                return new ClientFault(HttpStatus.CONTENT_TOO_LARGE, "The form has more parts than Modulo accepts"
                        + (maxParts > 0 ? " (at most " + maxParts + ")." : "."));
            }
            return ClientFault.badRequest("What was sent could not be read as a form. "
                    + "Go back, reload the page and try again.");
        }
        if (causedBy(error, ReadTimeoutException.class)) {
            return new ClientFault(HttpStatus.REQUEST_TIMEOUT, "What you sent stopped arriving before it was complete. "
                    + "Try again.");
        }
        if (causedBy(error, InvalidMediaTypeException.class)) {
            return ClientFault.badRequest("The request's Content-Type header could not be read.");
        }
        if (isDataException(error)) {
            return ClientFault.badRequest("Something you sent is longer or larger than Modulo can keep. "
                    + "Shorten it and try again.");
        }
        return null;
    }

    /** Binding of a path variable or query parameter failed. */
    private static ClientFault inputFault(ServerWebInputException input) {
        MethodParameter parameter = input.getMethodParameter();
        if (parameter != null && parameter.hasParameterAnnotation(PathVariable.class)) {
            return ClientFault.notFound();
        }
        TypeMismatchException mismatch = cause(input, TypeMismatchException.class);
        if (mismatch != null && mismatch.getPropertyName() != null) {
            String value = abbreviated(String.valueOf(mismatch.getValue()));
            return ClientFault.badRequest("“" + value + "” is not a valid " + mismatch.getPropertyName() + " in the address.");
        }
        return ClientFault.badRequest("Something in the address or the form could not be read. "
                + "Go back, reload the page and try again.");
    }

    /** SQLSTATE class 22, "data exception", in H2 and PostgreSQL alike. */
    private static boolean isDataException(Throwable error) {
        R2dbcException database = cause(error, R2dbcException.class);
        return database != null && database.getSqlState() != null && database.getSqlState().startsWith("22");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return cause(error, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String abbreviated(String value) {
        String printable = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 39) + "…";
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        String shown = message.length() > 300 ? message.substring(0, 300) + "…" : message;
        return root.getClass().getSimpleName() + ": " + shown;
    }
}
