package dev.modulo.web.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.modulo.web.ClientFault;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Hooks;

/**
 * Errors Reactor drops (signalled after a sequence already ended) are logged at ERROR by default.
 * reactor-core 3.8's {@code Mono.filterWhen} drops every error of its predicate even after passing
 * it on, and Spring Security's CSRF filter reads the form in such a predicate: every form over the
 * size limit, and every unreadable multipart body, logged an ERROR although the sender got a clean
 * 4xx ({@link ClientFaults}). Dropped errors that are a sender's mistake are logged at debug; any
 * other dropped error is still an ERROR, as before. The hook is global to the JVM: set once.
 */
@Component
class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    DroppedErrors() {
        if (INSTALLED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(DroppedErrors::log);
        }
    }

    private static void log(Throwable dropped) {
        if (isSendersMistake(dropped)) {
            log.debug("Dropped after the answer was chosen: {}", dropped.toString());
        } else {
            log.error("Operator called default onErrorDropped", dropped);
        }
    }

    static boolean isSendersMistake(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataBufferLimitException || cause instanceof DecodingException
                    || cause instanceof ClientFault || cause instanceof ReadTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
