package dev.modulo.images;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import dev.modulo.platform.ChangedElsewhere;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.Slice;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Albums, and share links for albums and single images. Owner methods take the account; the
 * {@code shared…} methods take only a token, for people without an account.
 */
@Service
public class AlbumService {

    static final int MAX_NAME = 200;
    /** Pictures one page of an album shows. */
    public static final int PAGE_SIZE = 48;

    /** An album opened through its share link, with one page of its pictures and how many it has. */
    public record SharedAlbum(Album album, Slice<Image> images, long count) {
    }

    private final Albums albums;
    private final Images images;
    private final ImageService imageService;
    private final SharedPictures shared;
    private final DatabaseClient db;
    private final Clock clock;

    AlbumService(Albums albums, Images images, ImageService imageService, SharedPictures shared, DatabaseClient db,
            ObjectProvider<Clock> clock) {
        this.shared = shared;
        this.albums = albums;
        this.images = images;
        this.imageService = imageService;
        this.db = db;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public Flux<Album> albums(long accountId) {
        return albums.findByAccountIdOrderByNameAsc(accountId);
    }

    public Mono<Album> find(long accountId, long albumId) {
        return albums.findByIdAndAccountId(albumId, accountId)
                .switchIfEmpty(Mono.error(AlbumNotFound::new));
    }

    /** One page of an album's pictures, newest first. */
    public Mono<Slice<Image>> images(long accountId, long albumId, int page) {
        return find(accountId, albumId).flatMap(album -> page(album, page));
    }

    private Mono<Slice<Image>> page(Album album, int page) {
        return images.findInAlbum(album.id(), album.accountId(), PAGE_SIZE + 1, Slice.offset(page, PAGE_SIZE))
                .collectList()
                .map(rows -> Slice.of(rows, page, PAGE_SIZE));
    }

    /** The albums an image is in. */
    public Flux<Album> containing(long accountId, long imageId) {
        return albums.findContaining(imageId, accountId);
    }

    public Mono<Album> create(long accountId, String name) {
        return checkedName(name)
                .flatMap(valid -> albums.save(new Album(null, accountId, valid, null, null,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS), null)));
    }

    public Mono<Album> rename(long accountId, long albumId, String name) {
        return rename(accountId, albumId, name, null);
    }

    /**
     * Renames the album. {@code version} is the album's version when the form was shown (null: as
     * it is now); if another rename came in between, nothing changes and {@link ChangedElsewhere}
     * says so.
     */
    public Mono<Album> rename(long accountId, long albumId, String name, Long version) {
        return find(accountId, albumId)
                .zipWith(checkedName(name))
                .flatMap(found -> albums.rename(albumId, accountId, found.getT2(),
                                version != null ? version : found.getT1().version())
                        .flatMap(renamed -> renamed == 1 ? find(accountId, albumId)
                                : find(accountId, albumId).then(Mono.error(new ChangedElsewhere()))));
    }

    /** Deletes the album; its images stay in the account. */
    public Mono<Void> delete(long accountId, long albumId) {
        return find(accountId, albumId).flatMap(albums::delete);
    }

    /** Puts one of the account's images into one of its albums (again is fine). */
    public Mono<Void> add(long accountId, long albumId, long imageId) {
        return Mono.zip(find(accountId, albumId), imageService.find(accountId, imageId))
                .flatMap(found -> db.sql("""
                                INSERT INTO album_image (album_id, image_id, account_id, added_at)
                                VALUES (:album, :image, :account, :now)""")
                        .bind("album", found.getT1().id())
                        .bind("image", found.getT2().id())
                        .bind("account", accountId)
                        .bind("now", clock.instant().truncatedTo(ChronoUnit.MILLIS))
                        .then()
                        .onErrorResume(DataIntegrityViolationException.class, alreadyThere -> Mono.empty()));
    }

    public Mono<Void> remove(long accountId, long albumId, long imageId) {
        return find(accountId, albumId)
                .flatMap(album -> db.sql("DELETE FROM album_image WHERE album_id = :album AND image_id = :image")
                        .bind("album", album.id())
                        .bind("image", imageId)
                        .then()
                        .then(albums.dropCover(album.id(), accountId, imageId).then()));
    }

    /** Makes one of the album's images its cover. */
    public Mono<Album> setCover(long accountId, long albumId, long imageId) {
        return find(accountId, albumId)
                .flatMap(album -> images.findOneInAlbum(album.id(), imageId, accountId)
                        .switchIfEmpty(Mono.error(ImageNotFound::new))
                        // Only the cover: a rename saved meanwhile stands.
                        .then(albums.updateCover(albumId, accountId, imageId))
                        .then(find(accountId, albumId)));
    }

    /** The album's share link, made on the first share; sharing again (or twice at once) keeps that link. */
    public Mono<Album> share(long accountId, long albumId) {
        return find(accountId, albumId)
                .flatMap(album -> album.isShared() ? Mono.just(album)
                        : ShareTokens.next().flatMap(token -> albums.share(albumId, accountId, token))
                                .then(find(accountId, albumId)));
    }

    /** Revokes the album's share link at once; a new share makes a new link. */
    public Mono<Album> unshare(long accountId, long albumId) {
        return find(accountId, albumId)
                .flatMap(album -> albums.unshare(albumId, accountId))
                .then(find(accountId, albumId));
    }

    /** The image's share link, made on the first share; sharing again (or twice at once) keeps that link. */
    public Mono<Image> shareImage(long accountId, long imageId) {
        return imageService.find(accountId, imageId)
                .flatMap(image -> image.isShared() ? Mono.just(image)
                        : ShareTokens.next().flatMap(token -> images.share(image.id(), accountId, token))
                                .then(imageService.find(accountId, imageId)));
    }

    public Mono<Image> unshareImage(long accountId, long imageId) {
        return imageService.find(accountId, imageId)
                .flatMap(image -> images.updateShareToken(image.id(), accountId, null)
                        .then(shared.unshared(image.shareToken()))
                        .thenReturn(image.withShareToken(null)));
    }

    public Mono<SharedAlbum> sharedAlbum(String token, int page) {
        return sharedAlbumRecord(token)
                .flatMap(album -> Mono.zip(page(album, page), images.countInAlbum(album.id(), album.accountId()))
                        .map(found -> new SharedAlbum(album, found.getT1(), found.getT2())));
    }

    /** An image of a shared album, reached through the album's link. */
    public Mono<Image> sharedAlbumImage(String token, long imageId) {
        return sharedAlbumRecord(token)
                .flatMap(album -> images.findOneInAlbum(album.id(), imageId, album.accountId()))
                .switchIfEmpty(Mono.error(ImageNotFound::new));
    }

    public Mono<Image> sharedImage(String token) {
        return ShareTokens.wellFormed(token)
                ? images.findByShareToken(token).switchIfEmpty(Mono.error(ImageNotFound::new))
                : Mono.error(new ImageNotFound());
    }

    private Mono<Album> sharedAlbumRecord(String token) {
        return ShareTokens.wellFormed(token)
                ? albums.findByShareToken(token).switchIfEmpty(Mono.error(AlbumNotFound::new))
                : Mono.error(new AlbumNotFound());
    }

    private static Mono<String> checkedName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            return Mono.error(InvalidInput.of("name", "Give the album a name."));
        }
        if (clean.length() > MAX_NAME) {
            return Mono.error(InvalidInput.of("name", "Keep the name under " + MAX_NAME + " characters."));
        }
        return Mono.just(clean);
    }
}
