package dev.modulo.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Stylesheets, scripts and images carry their content's fingerprint in every link to them
 * ({@code /css/modulo.css?v=3f2a…}): pages link to them as usual ({@code @{/css/modulo.css}}) and
 * Thymeleaf's links pass through {@link ServerWebExchange#transformUrl}, which this filter teaches
 * the fingerprints. A request with the current fingerprint may be kept by browsers and shared
 * caches for a year, unasked; when the file changes, so do the links. Any other request for an
 * asset (no fingerprint, or an old one from a page kept somewhere) must be revalidated.
 * Fingerprints are read once, at start, from the files the application carries.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class StaticAssets implements WebFilter {

    /** Where Spring serves static files from (its default), in the jar's classes. */
    static final String LOCATION = "classpath:/static/";
    static final String FOREVER = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    /** Path ({@code /css/modulo.css}) to its fingerprint. */
    private final Map<String, String> fingerprints;

    StaticAssets() {
        this.fingerprints = fingerprints(LOCATION);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.addUrlTransformer(this::fingerprinted);
        String fingerprint = fingerprints.get(exchange.getRequest().getPath().value());
        if (fingerprint != null) {
            String asked = exchange.getRequest().getQueryParams().getFirst("v");
            exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL,
                    fingerprint.equals(asked) ? FOREVER : REVALIDATE);
        }
        return chain.filter(exchange);
    }

    /** {@code url} with its fingerprint when it is an asset's path; otherwise as it is. */
    String fingerprinted(String url) {
        String fingerprint = fingerprints.get(url);
        return fingerprint == null ? url : url + "?v=" + fingerprint;
    }

    private static Map<String, String> fingerprints(String location) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, String> found = new HashMap<>();
        try {
            String root = resolver.getResource(location).getURL().toString();
            for (Resource resource : resolver.getResources(location + "**/*")) {
                String url = resource.getURL().toString();
                if (resource.isReadable() && url.startsWith(root)) {
                    found.put("/" + url.substring(root.length()), hash(resource));
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read the static assets at " + location, unreadable);
        }
        return Map.copyOf(found);
    }

    private static String hash(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(in.readAllBytes());
            return HexFormat.of().formatHex(sha256.digest(), 0, 6);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
