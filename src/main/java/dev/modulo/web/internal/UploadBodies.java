package dev.modulo.web.internal;

import dev.modulo.platform.Blocking;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * Multipart bodies (pictures, imports) are read on the {@link Blocking#UPLOADS} threads. Spring
 * finds the parts of a body on the thread that delivers its buffers, and Modulo hashes and stages
 * files as they stream: on the event loop, a 14 MB picture took that loop from every other
 * connection it serves for as long (the head-of-line benchmark's slowest pages). The request is
 * wrapped before its exchange is made, so every way of reading the body (form data, parts, the raw
 * body) goes through it.
 */
@Configuration(proxyBeanMethods = false)
class UploadBodies {

    @Bean
    WebHttpHandlerBuilderCustomizer uploadsOffTheEventLoop() {
        return builder -> builder.httpHandlerDecorator(handler -> (request, response) ->
                handler.handle(isMultipart(request) ? new Received(request) : request, response));
    }

    /** A Content-Type that cannot be read is not multipart here: Spring answers it as it would. */
    static boolean isMultipart(ServerHttpRequest request) {
        try {
            MediaType type = request.getHeaders().getContentType();
            return type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    private static final class Received extends ServerHttpRequestDecorator {

        Received(ServerHttpRequest request) {
            super(request);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Blocking.UPLOADS.receive(super.getBody());
        }
    }
}
