package dev.modulo.web.internal;

import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.modulo.web.CachedPages;
import dev.modulo.web.CachedPages.Key;
import dev.modulo.web.WebProperties;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Public pages rendered once and served again to every visitor who is not signed in, until what
 * they show changes (the pages' module says when, through {@link CachedPages#stamp}). A kept page
 * is answered here, before security and the handler: no session, no token, no query, no
 * rendering, just the bytes (gzip when the browser takes it), with a strong ETag and 304.
 *
 * <p>Why: rendering the blog index took most of a request's time (Thymeleaf, then the database),
 * so readers got a fraction of a percent of what a static server gives for the same bytes.
 *
 * <p>A page is kept only when its answer is 200, says {@code Cache-Control: public} and sets no
 * cookie, which is what a reverse proxy would require too. It is made under the stamp read before
 * rendering: a change while it renders makes the next request render again, never the reverse.
 */
@Component
// Right after admission: a kept page needs nothing of what the other filters do, but finding out
// whether it is still current may ask the database, which admission protects.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SharedPageCache implements WebFilter {

    /**
     * Set on requests whose page may be kept and shown to anyone: nothing about this visitor (such
     * as a CSRF token) may go into it.
     */
    static final String SHARED = SharedPageCache.class.getName() + ".SHARED";

    private static final Logger log = LoggerFactory.getLogger(SharedPageCache.class);

    private final List<CachedPages> kinds;
    private final WebSessionIdResolver sessions;
    private final Cache<String, SharedPage> pages;
    private final boolean enabled;

    SharedPageCache(ObjectProvider<CachedPages> kinds, ObjectProvider<WebSessionIdResolver> sessions,
            WebProperties properties) {
        this.kinds = kinds.orderedStream().toList();
        this.sessions = sessions.getIfAvailable(CookieWebSessionIdResolver::new);
        long bytes = properties.pageCacheSize().toBytes();
        this.enabled = bytes > 0 && !this.kinds.isEmpty();
        this.pages = Caffeine.newBuilder()
                .maximumWeight(Math.max(bytes, 1))
                .<String, SharedPage>weigher((page, kept) -> kept.weight())
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!enabled || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return chain.filter(exchange);
        }
        for (CachedPages kind : kinds) {
            Optional<Key> key = kind.match(request);
            if (key.isPresent()) {
                // A signed-in person may see more than the public (the owner's drafts, their name).
                return sessions.resolveSessionIds(exchange).isEmpty()
                        ? shared(exchange, chain, kind, key.get())
                        : chain.filter(exchange);
            }
        }
        return chain.filter(exchange);
    }

    private Mono<Void> shared(ServerWebExchange exchange, WebFilterChain chain, CachedPages kind, Key key) {
        exchange.getAttributes().put(SHARED, Boolean.TRUE);
        return kind.stamp(key.group())
                .<Optional<Object>>map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                // Cannot tell whether a kept page is current: the handler answers, as without a cache.
                .onErrorReturn(Optional.empty())
                .flatMap(stamp -> {
                    if (stamp.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    SharedPage kept = pages.getIfPresent(key.page());
                    if (kept != null && kept.stamp().equals(stamp.get())) {
                        return serve(exchange, kept);
                    }
                    return chain.filter(exchange.mutate().response(new Recorder(exchange.getResponse(), key,
                            stamp.get())).build());
                });
    }

    private static Mono<Void> serve(ServerWebExchange exchange, SharedPage page) {
        ServerHttpResponse response = exchange.getResponse();
        boolean gzip = page.gzipped() != null && SharedPage.acceptsGzip(exchange.getRequest());
        HttpHeaders headers = response.getHeaders();
        headers.putAll(page.headers());
        String etag = gzip ? page.gzipEtag() : page.etag();
        headers.setETag(etag);
        if (page.lastModified() != null ? exchange.checkNotModified(etag, page.lastModified())
                : exchange.checkNotModified(etag)) {
            return response.setComplete();
        }
        byte[] body = gzip ? page.gzipped() : page.bytes();
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        headers.setContentLength(body.length);
        response.setStatusCode(page.status());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Passes the answer on, and keeps a copy when it may be shared. */
    private final class Recorder extends ServerHttpResponseDecorator {

        private final Key key;
        private final Object stamp;

        Recorder(ServerHttpResponse response, Key key, Object stamp) {
            super(response);
            this.key = key;
            this.stamp = stamp;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!mayKeep()) {
                return super.writeWith(body);
            }
            return Flux.from(body).collectList().flatMap(buffers -> {
                byte[] bytes = copy(buffers);
                if (getHeaders().getETag() == null) {
                    // The same validator as the kept copy will have: the next request may be a 304.
                    getHeaders().setETag(SharedPage.etagOf(bytes));
                }
                return super.writeWith(Mono.just(bufferFactory().wrap(bytes)))
                        .doOnSuccess(written -> keep(bytes));
            });
        }

        /** What is known before the body is written; cookies and headers are looked at again after. */
        private boolean mayKeep() {
            HttpStatusCode status = getStatusCode();
            return (status == null || status.value() == HttpStatus.OK.value()) && getCookies().isEmpty()
                    && SharedPage.isPublic(getHeaders());
        }

        private void keep(byte[] bytes) {
            // Committed now: the headers are final (security headers are added on commit).
            HttpHeaders headers = getHeaders();
            if (!headers.containsHeader(HttpHeaders.SET_COOKIE) && !headers.containsHeader(HttpHeaders.CONTENT_ENCODING)
                    && SharedPage.isPublic(headers) && bytes.length <= SharedPage.MAX_BYTES) {
                HttpStatusCode status = getStatusCode();
                try {
                    pages.put(key.page(), SharedPage.of(stamp, status == null ? HttpStatus.OK : status, headers, bytes));
                } catch (RuntimeException unkept) {
                    // The reader has the page; only the next one will render it again.
                    log.warn("Could not keep {} for other readers", key.page(), unkept);
                }
            }
        }
    }

    private static byte[] copy(List<? extends DataBuffer> buffers) {
        int size = 0;
        for (DataBuffer buffer : buffers) {
            size += buffer.readableByteCount();
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (DataBuffer buffer : buffers) {
            int length = buffer.readableByteCount();
            buffer.read(bytes, at, length);
            at += length;
            DataBufferUtils.release(buffer);
        }
        return bytes;
    }
}
