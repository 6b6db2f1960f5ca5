package dev.modulo.images;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every finder takes the account; only {@link #countBySha256} looks across accounts, for the store. */
interface Images extends ReactiveCrudRepository<Image, Long> {

    Mono<Image> findByIdAndAccountId(long id, long accountId);

    Mono<Image> findByAccountIdAndSha256(long accountId, String sha256);

    Flux<Image> findByAccountId(long accountId);

    Mono<Long> countBySha256(String sha256);

    Mono<Image> findByShareToken(String shareToken);

    @Query("""
            SELECT * FROM image WHERE account_id = :accountId
            ORDER BY sort_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    Flux<Image> findNewestFirst(long accountId, int limit, long offset);

    /** An album's images, newest first; the account is checked on the image too. */
    @Query("""
            SELECT i.* FROM image i JOIN album_image ai ON ai.image_id = i.id
            WHERE ai.album_id = :albumId AND i.account_id = :accountId
            ORDER BY i.sort_at DESC, i.id DESC""")
    Flux<Image> findInAlbum(long albumId, long accountId);
}
