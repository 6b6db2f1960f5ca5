package dev.modulo.web.internal;

import java.util.List;
import java.util.Map;

import dev.modulo.web.ClientFault;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Boot's error attributes plus {@code messages}: the sentence of a {@link ClientFault}, which
 * {@code error/4xx} lists and scripts find in the JSON error. Other exceptions' messages stay out
 * ({@code server.error.include-message: never}): they are written for developers and may say too much.
 */
@Component
class ErrorPageAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (getError(request) instanceof ClientFault fault && fault.message() != null) {
            attributes.put("messages", List.of(fault.message()));
        }
        return attributes;
    }
}
