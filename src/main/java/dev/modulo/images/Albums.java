package dev.modulo.images;

import org.springframework.data.r2dbc.repository.Modifying;
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

    // Targeted updates: each writes only its own column, so a change of the others made meanwhile stands.

    /** Renames the album if it is still at the version the form was shown with; 0: changed elsewhere. */
    @Modifying
    @Query("""
            UPDATE album SET name = :name, version = version + 1
            WHERE id = :id AND account_id = :accountId AND version = :version""")
    Mono<Integer> rename(long id, long accountId, String name, long version);

    @Modifying
    @Query("UPDATE album SET cover_image_id = :imageId WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updateCover(long id, long accountId, long imageId);

    /** No cover any more, if it was this image. */
    @Modifying
    @Query("""
            UPDATE album SET cover_image_id = NULL
            WHERE id = :id AND account_id = :accountId AND cover_image_id = :imageId""")
    Mono<Integer> dropCover(long id, long accountId, long imageId);

    /** Gives the album a share link unless it has one: two clicks at once make one link. */
    @Modifying
    @Query("UPDATE album SET share_token = :token WHERE id = :id AND account_id = :accountId AND share_token IS NULL")
    Mono<Integer> share(long id, long accountId, String token);

    @Modifying
    @Query("UPDATE album SET share_token = NULL WHERE id = :id AND account_id = :accountId")
    Mono<Integer> unshare(long id, long accountId);
}
