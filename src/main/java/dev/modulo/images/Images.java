package dev.modulo.images;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every finder takes the account; only {@link #findBySha256In} looks across accounts, for the store. */
interface Images extends ReactiveCrudRepository<Image, Long> {

    Mono<Image> findByIdAndAccountId(long id, long accountId);

    Mono<Image> findByAccountIdAndSha256(long accountId, String sha256);

    Flux<Image> findByAccountId(long accountId);

    /** The images, in any account, that use any of these blobs (for the sweeper). */
    Flux<Image> findBySha256In(java.util.Collection<String> sha256s);

    Mono<Image> findByShareToken(String shareToken);

    @Query("""
            SELECT * FROM image WHERE account_id = :accountId
            ORDER BY sort_at DESC, id DESC LIMIT :limit OFFSET :offset""")
    Flux<Image> findNewestFirst(long accountId, int limit, long offset);

    /** A page of an album's images, newest first; the account is checked on the image too. */
    @Query("""
            SELECT i.* FROM image i JOIN album_image ai ON ai.image_id = i.id
            WHERE ai.album_id = :albumId AND i.account_id = :accountId
            ORDER BY i.sort_at DESC, i.id DESC LIMIT :limit OFFSET :offset""")
    Flux<Image> findInAlbum(long albumId, long accountId, int limit, long offset);

    @Query("SELECT COUNT(*) FROM album_image WHERE album_id = :albumId AND account_id = :accountId")
    Mono<Long> countInAlbum(long albumId, long accountId);

    /** One image of a shared album, or nothing. */
    @Query("""
            SELECT i.* FROM image i JOIN album_image ai ON ai.image_id = i.id
            WHERE ai.album_id = :albumId AND i.id = :imageId AND i.account_id = :accountId""")
    Mono<Image> findOneInAlbum(long albumId, long imageId, long accountId);

    /** Deletes the row if it is still there; 1 means this call deleted it (and may give its bytes back). */
    @Modifying
    @Query("DELETE FROM image WHERE id = :id AND account_id = :accountId")
    Mono<Integer> deleteOwned(long id, long accountId);

    /** Changes only what the form changes, so a concurrent share or unshare is not undone. */
    @Modifying
    @Query("UPDATE image SET caption = :caption, tags = :tags WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updateDetails(long id, long accountId, String caption, String tags);

    @Modifying
    @Query("UPDATE image SET share_token = :token WHERE id = :id AND account_id = :accountId")
    Mono<Integer> updateShareToken(long id, long accountId, String token);

    /** Gives the image a share link unless it has one: two clicks at once make one link. */
    @Modifying
    @Query("UPDATE image SET share_token = :token WHERE id = :id AND account_id = :accountId AND share_token IS NULL")
    Mono<Integer> share(long id, long accountId, String token);
}
