package dev.modulo.images;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.modulo.platform.ReadMemo;
import dev.modulo.web.CachedPages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Thumbnails of shared pictures ({@code /shared/images/<token>/thumbnail/<size>}), which blog posts
 * show to every reader, are kept by the shell ({@link CachedPages}) while the link still leads to
 * the same picture. Stopping the share or deleting the picture ends that at once on this instance
 * and within a second on others.
 */
@Component
class SharedPictures implements CachedPages {

    private static final String PREFIX = "/shared/images/";
    private static final Duration CHANGES_ELSEWHERE_SHOW_WITHIN = Duration.ofSeconds(1);

    /** What a shared picture's thumbnails are made from. */
    record Stamp(long imageId, String sha256) {
    }

    private final Images images;
    private final ReadMemo<String, Stamp> stamps;

    SharedPictures(Images images, ObjectProvider<Clock> clock) {
        this.images = images;
        this.stamps = new ReadMemo<>(CHANGES_ELSEWHERE_SHOW_WITHIN, this::read, stamp -> null,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Override
    public Optional<Key> match(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        if (end < 0 || !path.startsWith("/thumbnail/", end)) {
            return Optional.empty();
        }
        return Optional.of(new Key(path.substring(0, end), path));
    }

    @Override
    public Mono<Stamp> stamp(String group) {
        return stamps.get(group);
    }

    /** The picture shared with {@code token} no longer is, or is gone: call once that is committed. */
    Mono<Void> unshared(String token) {
        return token == null ? Mono.empty() : stamps.forgetAfterCommit(() -> PREFIX + token);
    }

    private Mono<Stamp> read(String group) {
        String token = group.substring(PREFIX.length());
        return ShareTokens.wellFormed(token)
                ? images.findByShareToken(token).map(image -> new Stamp(image.id(), image.sha256()))
                : Mono.empty();
    }
}
