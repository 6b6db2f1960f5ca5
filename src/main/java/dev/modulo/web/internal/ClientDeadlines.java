package dev.modulo.web.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.modulo.web.ClientFault;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deadlines for clients: a connection that sends a request body too slowly, or stalls in the middle
 * of one, is closed, so slow or idle clients cannot hold connections and memory for ever
 * ({@code server.netty.idle-timeout} closes connections idle between requests).
 */
@Configuration(proxyBeanMethods = false)
class ClientDeadlines {

    /**
     * {@code modulo.web.client.*}.
     *
     * @param readTimeout    longest pause while a request body is being received
     * @param requestTimeout longest time to receive a whole request body (a large upload on a slow line)
     */
    @ConfigurationProperties("modulo.web.client")
    record Properties(@DefaultValue("60s") Duration readTimeout, @DefaultValue("10m") Duration requestTimeout) {
    }

    @Bean
    NettyServerCustomizer clientReadDeadlines(Properties properties) {
        return server -> server.readTimeout(properties.readTimeout());
    }

    /**
     * The whole-body deadline, on requests that have a body. Not Reactor Netty's
     * {@code requestTimeout}: its timer is stopped only when the end of the request is read, so
     * every request answered before that (a kept public page is answered at once, in the same read)
     * stayed reachable, with its connection state, for the whole timeout: 1.4 million requests,
     * 4 GB of heap, after a minute of the public-pages benchmark.
     */
    @Bean
    WebHttpHandlerBuilderCustomizer requestBodyDeadline(Properties properties) {
        Duration deadline = properties.requestTimeout();
        return builder -> builder.httpHandlerDecorator(handler -> (request, response) ->
                handler.handle(hasBody(request) ? new Deadlined(request, response, deadline) : request, response));
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** A body that has not all arrived by the deadline ends in 408, and the connection is closed. */
    private static final class Deadlined extends ServerHttpRequestDecorator {

        private final ServerHttpResponse response;
        private final Duration deadline;

        Deadlined(ServerHttpRequest request, ServerHttpResponse response, Duration deadline) {
            super(request);
            this.response = response;
            this.deadline = deadline;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            Flux<DataBuffer> body = super.getBody();
            return Flux.defer(() -> {
                long end = System.nanoTime() + deadline.toNanos();
                return body.timeout(Mono.delay(deadline),
                                received -> Mono.delay(Duration.ofNanos(Math.max(0, end - System.nanoTime()))))
                        .onErrorMap(TimeoutException.class, late -> tooSlow());
            });
        }

        private ClientFault tooSlow() {
            if (!response.isCommitted()) {
                response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return new ClientFault(HttpStatus.REQUEST_TIMEOUT, "What you sent took longer than "
                    + deadline.toSeconds() + " seconds to arrive. Try again on a faster connection.");
        }
    }
}
