package dev.modulo.images;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.QuotaExceeded;
import dev.modulo.accounts.StorageQuota;
import dev.modulo.images.BlobStore.StagedBlob;
import dev.modulo.images.ImageInspector.Inspection;
import dev.modulo.platform.Blocking;
import dev.modulo.platform.InvalidInput;
import dev.modulo.platform.ReadMemo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An account's images: upload, list, describe, serve and delete. Every method is given the account. */
@Service
public class ImageService {

    static final int PAGE_SIZE = 48;
    static final int MAX_CAPTION = 1000;
    static final int SWEEP_BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(ImageService.class);

    private final Images images;
    private final BlobStore blobs;
    private final ImageInspector inspector;
    private final DecodeBudget decodeBudget;
    private final StorageQuota quota;
    private final AccountService accounts;
    private final ImagesProperties properties;
    private final TransactionalOperator transactions;
    private final SharedPictures shared;
    private final ReadMemo<OwnedImage, Image> servedImages;
    private final Clock clock;

    ImageService(Images images, BlobStore blobs, ImageInspector inspector, DecodeBudget decodeBudget,
            StorageQuota quota, AccountService accounts, ImagesProperties properties, TransactionalOperator transactions,
            SharedPictures shared, ObjectProvider<Clock> clock) {
        this.transactions = transactions;
        this.shared = shared;
        this.images = images;
        this.blobs = blobs;
        this.inspector = inspector;
        this.decodeBudget = decodeBudget;
        this.quota = quota;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.servedImages = new ReadMemo<>(Duration.ofSeconds(1),
                owned -> images.findByIdAndAccountId(owned.imageId(), owned.accountId()), image -> null, this.clock);
    }

    /**
     * Streams one file in and keeps it if it is an acceptable image that fits the quota. Never
     * fails for the file's own faults: the result says what became of it. The same two steps as
     * {@link #prepare} and {@link #record}, with a transaction of its own for the row. Fails with
     * {@link ImagesBusy} when the memory for decoding is taken for longer than
     * {@code modulo.images.decode-wait} (the server's state, not the file's: try again).
     */
    public Mono<UploadResult> upload(long accountId, String fileName, Flux<DataBuffer> content) {
        return prepare(accountId, fileName, content)
                .flatMap(prepared -> record(accountId, prepared)
                        // The same bytes stored by another upload at this moment: that image is this one.
                        .onErrorResume(DataIntegrityViolationException.class, sameBytesMeanwhile -> images
                                .findByAccountIdAndSha256(accountId, prepared.sha256)
                                .map(existing -> UploadResult.duplicate(prepared.fileName(), existing.id()))
                                .switchIfEmpty(Mono.error(sameBytesMeanwhile))))
                .onErrorResume(error -> !(error instanceof Error) && !(error instanceof ImagesBusy),
                        error -> couldNotStore(accountId, fileName, error));
    }

    /**
     * The first step of keeping a picture, with no transaction and no row: streams it in, checks and
     * decodes it, and writes it and its thumbnails to the blob store, so that {@link #record} only
     * writes a row. Never fails for the file's own faults: a refused picture says why.
     */
    public Mono<PreparedImage> prepare(long accountId, String fileName, Flux<DataBuffer> content) {
        String name = cleanName(fileName);
        long limit = properties.maxFileSize().toBytes();
        return blobs.stage(content, limit)
                .flatMap(staged -> storeIfAcceptable(accountId, name, staged)
                        .onErrorResume(error -> blobs.discard(staged).then(Mono.error(error))))
                .onErrorResume(BlobTooLarge.class, tooLarge -> Mono.just(PreparedImage.refused(name,
                        "This file is larger than " + properties.maxFileSize().toMegabytes() + " MB, the most accepted.")))
                .onErrorResume(UnacceptableImage.class, unacceptable -> Mono.just(PreparedImage.refused(name,
                        unacceptable.getMessage())))
                .onErrorResume(QuotaExceeded.class, exceeded -> Mono.just(PreparedImage.refused(name,
                        exceeded.getMessage())));
    }

    /**
     * The second step: the image's row, with its bytes reserved from the quota in the same
     * transaction (the caller's when there is one, so a post and its pictures commit together;
     * otherwise one of its own), so a rollback never leaves bytes reserved. Answers the image the
     * account already has for the same bytes instead of a second one. Fails with
     * {@link DataIntegrityViolationException} when the same bytes were recorded meanwhile; the
     * caller's transaction should then be tried again.
     */
    public Mono<UploadResult> record(long accountId, PreparedImage prepared) {
        if (prepared.refused()) {
            return Mono.just(UploadResult.refused(prepared.fileName(), prepared.refusal));
        }
        Mono<UploadResult> row = images.findByAccountIdAndSha256(accountId, prepared.sha256)
                .map(existing -> UploadResult.duplicate(prepared.fileName(), existing.id()))
                .switchIfEmpty(Mono.defer(() -> prepared.row == null
                        ? Mono.just(UploadResult.refused(prepared.fileName(),
                                "The same picture was deleted while this one was stored. Please try again."))
                        : quota.reserve(accountId, prepared.row.sizeBytes())
                                .then(images.save(prepared.row))
                                .map(saved -> UploadResult.stored(prepared.fileName(), saved.id()))))
                // Nothing was reserved: the file's fault, not an error of the transaction.
                .onErrorResume(QuotaExceeded.class, exceeded -> Mono.just(UploadResult.refused(prepared.fileName(),
                        exceeded.getMessage())))
                .doOnNext(result -> log.debug("Upload of {} for account {}: {}", prepared.fileName(), accountId,
                        result.outcome()));
        return transactions.transactional(row);
    }

    /** Anything else is our fault, not the file's: say so for this file and go on with the next. */
    private Mono<UploadResult> couldNotStore(long accountId, String fileName, Throwable error) {
        log.error("Upload of {} for account {} failed", cleanName(fileName), accountId, error);
        return Mono.just(UploadResult.refused(cleanName(fileName), "This file could not be stored. Please try again."));
    }

    public Mono<ImagePage> list(long accountId, int page) {
        int number = Math.max(page, 1);
        return images.findNewestFirst(accountId, PAGE_SIZE + 1, (long) (number - 1) * PAGE_SIZE)
                .collectList()
                .map(rows -> new ImagePage(rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows, number,
                        rows.size() > PAGE_SIZE));
    }

    public Mono<Image> find(long accountId, long imageId) {
        return images.findByIdAndAccountId(imageId, accountId)
                .switchIfEmpty(Mono.error(ImageNotFound::new));
    }

    public Mono<Image> describe(long accountId, long imageId, String caption, String tags) {
        String cleanCaption = caption == null ? "" : caption.strip();
        Set<String> cleanTags = normaliseTags(tags);
        Map<String, String> errors = new LinkedHashMap<>();
        if (cleanCaption.length() > MAX_CAPTION) {
            errors.put("caption", "Keep the caption under " + MAX_CAPTION + " characters.");
        }
        if (cleanTags.size() > 20 || cleanTags.stream().anyMatch(tag -> tag.length() > 40)) {
            errors.put("tags", "Use at most 20 tags of up to 40 characters each.");
        }
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        return find(accountId, imageId)
                .flatMap(image -> images.updateDetails(image.id(), accountId, cleanCaption, String.join(",", cleanTags))
                        .then(find(accountId, imageId)));
    }

    /** Deletes the image and gives its bytes back to the quota; the next sweep removes unused files. */
    public Mono<Void> delete(long accountId, long imageId) {
        return find(accountId, imageId)
                // Two deletes of one image at once: only the one that removed the row gives bytes back.
                .flatMap(image -> images.deleteOwned(image.id(), accountId)
                        .filter(deleted -> deleted == 1)
                        .flatMap(deleted -> quota.release(accountId, image.sizeBytes()))
                        .then(shared.unshared(image.shareToken()))
                        .then(servedImages.forgetAfterCommit(() -> new OwnedImage(accountId, imageId))));
    }

    public Mono<ServedFile> original(long accountId, long imageId) {
        return served(accountId, imageId).flatMap(this::original);
    }

    public Mono<ServedFile> thumbnail(long accountId, long imageId, int size) {
        return served(accountId, imageId).flatMap(image -> thumbnail(image, size));
    }

    /** An image as its owner asks for it. */
    private record OwnedImage(long accountId, long imageId) {
    }

    /**
     * The owner's image, for its files: a grid of pictures asks for dozens at once, again and again,
     * and what the files need (their hash and type) never changes. A deletion here takes effect at
     * once; one on another instance within a second.
     */
    private Mono<Image> served(long accountId, long imageId) {
        return servedImages.get(new OwnedImage(accountId, imageId)).switchIfEmpty(Mono.error(ImageNotFound::new));
    }

    /** The original of an image already found (through its owner or a share link). */
    public Mono<ServedFile> original(Image image) {
        return blobs.open(image.sha256())
                .switchIfEmpty(Mono.error(ImageNotFound::new))
                .map(resource -> new ServedFile(resource, image.mediaType(), "\"" + image.sha256() + "\"",
                        image.originalName()));
    }

    /** A thumbnail of an image already found (through its owner or a share link). */
    public Mono<ServedFile> thumbnail(Image image, int size) {
        if (Arrays.stream(ImageInspector.THUMBNAIL_SIZES).noneMatch(known -> known == size)) {
            return Mono.error(ImageNotFound::new);
        }
        return blobs.open(image.thumbnailName(size))
                .switchIfEmpty(Mono.error(ImageNotFound::new))
                .map(resource -> new ServedFile(resource, image.thumbnailType(),
                        "\"" + image.sha256() + "-" + size + "\"", null));
    }

    /** Removes every image of an account (before its other rows go); the next sweep removes their files. */
    Mono<Void> deleteAllFor(long accountId) {
        // Read all first: issuing statements while a result still streams stalls PostgreSQL's driver.
        return images.findByAccountId(accountId)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(image -> images.deleteOwned(image.id(), accountId)
                        .then(shared.unshared(image.shareToken()))
                        .then(servedImages.forgetAfterCommit(() -> new OwnedImage(accountId, image.id()))))
                .then();
    }

    private Mono<PreparedImage> storeIfAcceptable(long accountId, String name, StagedBlob staged) {
        return images.findByAccountIdAndSha256(accountId, staged.sha256())
                .flatMap(existing -> blobs.discard(staged).thenReturn(PreparedImage.alreadyKept(name, staged.sha256())))
                .switchIfEmpty(Mono.defer(() -> quota.check(accountId, staged.size())
                        .then(accounts.find(accountId))
                        // Header and EXIF, then the pixels once their memory is free: blocking work, off the event loop.
                        .flatMap(account -> Blocking.IMAGES.call(() -> inspector.examine(staged.file(), account.zone())))
                        .flatMap(examined -> decodeBudget.withMemory(examined.decodeBytes(),
                                () -> inspector.decode(examined)))
                        .flatMap(inspection -> store(accountId, name, staged, inspection))));
    }

    /** Writes the thumbnails and the original; answers the row that will keep them. */
    private Mono<PreparedImage> store(long accountId, String name, StagedBlob staged, Inspection inspection) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Exif exif = inspection.exif();
        String thumbnailType = inspection.thumbnails().values().iterator().next().mediaType();
        Image image = new Image(null, accountId, staged.sha256(), inspection.kind().mediaType(), thumbnailType, name,
                staged.size(), inspection.width(), inspection.height(), "", "", exif.takenAt(), now,
                exif.takenAt() != null ? exif.takenAt() : now, exif.camera(), exif.lens(), exif.exposure(),
                exif.latitude(), exif.longitude(), null);
        return Flux.fromIterable(inspection.thumbnails().entrySet())
                .concatMap(thumbnail -> blobs.putDerived(image.thumbnailName(thumbnail.getKey()),
                        thumbnail.getValue().bytes()))
                .then(blobs.keep(staged))
                .thenReturn(PreparedImage.stored(image));
    }

    /**
     * Removes blobs (and their thumbnails) no image uses any more and nobody has kept within
     * {@code grace}. Deletion waits for a sweep because another account may be uploading the same
     * bytes at the moment the last image using them goes.
     */
    public Mono<Long> sweepUnusedBlobs(java.time.Duration grace) {
        return blobs.keptBefore(clock.instant().minus(grace))
                // A batch of names at a time: one query says which of them images still use.
                .buffer(SWEEP_BATCH)
                .concatMap(batch -> images.findBySha256In(batch)
                        .map(Image::sha256)
                        .collect(Collectors.toSet())
                        .flatMapMany(used -> Flux.fromIterable(batch).filter(sha256 -> !used.contains(sha256))))
                .concatMap(sha256 -> Flux.fromStream(Arrays.stream(ImageInspector.THUMBNAIL_SIZES).boxed())
                        .concatMap(size -> Flux.just("jpg", "png")
                                .concatMap(format -> blobs.delete(sha256 + "." + size + "." + format)))
                        .then(blobs.delete(sha256))
                        .thenReturn(1L))
                .count();
    }

    private static Set<String> normaliseTags(String typed) {
        if (typed == null) {
            return Set.of();
        }
        return Arrays.stream(typed.split(","))
                .map(tag -> tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-"))
                .filter(tag -> !tag.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A file name fit to show and to offer on download: no path, no control characters, not too long. */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            return "image";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
