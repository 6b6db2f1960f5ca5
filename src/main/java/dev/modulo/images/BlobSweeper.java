package dev.modulo.images;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/** Removes stored files that no image uses any more, a while after the last one went. */
class BlobSweeper {

    /** Long enough that no upload of the same bytes can still be on its way. */
    static final Duration GRACE = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);

    private final ImageService images;

    BlobSweeper(ImageService images) {
        this.images = images;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    Mono<Void> sweep() {
        return images.sweepUnusedBlobs(GRACE)
                .doOnNext(removed -> {
                    if (removed > 0) {
                        log.info("Removed {} stored files no image uses", removed);
                    }
                })
                .onErrorResume(error -> {
                    log.warn("Sweeping unused files failed; the next sweep tries again", error);
                    return Mono.empty();
                })
                .then();
    }
}
