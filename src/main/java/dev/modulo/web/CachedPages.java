package dev.modulo.web;

import java.util.Optional;

import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Pages that every visitor who is not signed in sees alike, which the shell keeps once rendered and
 * serves again without running their handler. A module contributes one bean per kind of page.
 *
 * <p>A rendered page is kept only when its answer is 200, says {@code Cache-Control: public} and
 * sets no cookie; it is served again only while {@link #stamp} still gives what it gave before the
 * page was made. Requests of signed-in people are never served from, nor stored in, the cache.
 */
public interface CachedPages {

    /** Where this request's page is filed; empty when it is never kept. */
    Optional<Key> match(ServerHttpRequest request);

    /**
     * The group's stamp now: equal (by {@code equals}) to the stamp under which a page was made as
     * long as nothing that page shows has changed. Asked on every request for the group, so it must
     * be cheap (memoised). Empty: nothing kept for the group is served, and nothing is stored.
     */
    Mono<?> stamp(String group);

    /**
     * @param group the pages that change together (a blog)
     * @param page  this page within the group: its path and the query parameters that change it
     */
    record Key(String group, String page) {
    }
}
