package dev.modulo.images;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface Albums extends ReactiveCrudRepository<Album, Long> {

    Mono<Album> findByIdAndAccountId(long id, long accountId);

    Flux<Album> findByAccountIdOrderByNameAsc(long accountId);

    Mono<Album> findByShareToken(String shareToken);

    @Query("""
            SELECT a.* FROM album a JOIN album_image ai ON ai.album_id = a.id
            WHERE ai.image_id = :imageId AND a.account_id = :accountId ORDER BY a.name""")
    Flux<Album> findContaining(long imageId, long accountId);
}
