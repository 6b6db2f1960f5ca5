package dev.modulo.web.internal;

import java.util.List;

import dev.modulo.platform.Permits;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Admission at the door: at most {@code modulo.web.admission.max-concurrent} requests are worked on
 * at once; the others wait their turn, first come first served, for at most {@code max-wait}
 * (then 503 "busy" with Retry-After, see {@link BusyResponses}).
 *
 * <p>Why: a page makes several database calls, and each call queues for one of the pool's few
 * connections. With hundreds of requests in flight every page queues again and again behind all the
 * others, so every page is slow and many pass their deadlines. Admitting a few at a time keeps the
 * pool's queue short; each admitted page finishes quickly, and the wait happens once, in order.
 *
 * <p>Not counted: static files and the health check (no database), and uploads (multipart), which
 * can stream for minutes from a slow client and have their own bulkhead for the heavy part.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // first: before security and sessions do any work
class RequestAdmission implements WebFilter {

    private static final List<PathPattern> NOT_COUNTED = List.of("/css/**", "/js/**", "/img/**", "/webjars/**",
            "/favicon.ico", "/actuator/health/**").stream().map(PathPatternParser.defaultInstance::parse).toList();

    private final Permits permits;
    private final AdmissionProperties properties;

    RequestAdmission(AdmissionProperties properties) {
        this.properties = properties;
        this.permits = new Permits(properties.maxConcurrent(), properties.maxWaiting());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!counted(exchange)) {
            return chain.filter(exchange);
        }
        return Mono.usingWhen(permits.acquire().timeout(properties.maxWait()),
                permit -> chain.filter(exchange),
                permit -> Mono.fromRunnable(permit::release));
    }

    private static boolean counted(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        if (NOT_COUNTED.stream().anyMatch(pattern -> pattern.matches(path))) {
            return false;
        }
        MediaType type = request.getHeaders().getContentType();
        return !(HttpMethod.POST.equals(request.getMethod()) && type != null
                && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type));
    }
}
