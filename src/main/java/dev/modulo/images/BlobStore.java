package dev.modulo.images;

import java.nio.file.Path;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Content-addressed storage for uploaded bytes: a blob's name is the SHA-256 of its content, so
 * the same bytes are kept once. Uploads are staged first (streamed to a local file while the hash
 * is computed and the size limit enforced), inspected, then kept or discarded. Files derived from
 * a blob (thumbnails) are stored beside it under names of their own.
 *
 * <p>The file system implementation keeps everything under the data directory; an object store
 * can implement the same contract for machines that share storage.
 */
public interface BlobStore {

    /** Streams {@code content} to a staging file; fails with {@link BlobTooLarge} past {@code maxBytes}. */
    Mono<StagedBlob> stage(Flux<DataBuffer> content, long maxBytes);

    /** Stores a staged blob under its SHA-256 (a no-op when those bytes are already stored). */
    Mono<Void> keep(StagedBlob staged);

    /** Removes a staged blob that will not be kept. */
    Mono<Void> discard(StagedBlob staged);

    /** Stores a small derived file, such as a thumbnail, under {@code name}. */
    Mono<Void> putDerived(String name, byte[] content);

    /** The blob or derived file called {@code name}; empty when there is none. */
    Mono<Resource> open(String name);

    /** Removes the blob or derived file called {@code name}, if it exists. */
    Mono<Void> delete(String name);

    /**
     * The SHA-256 names of kept blobs (not derived files) last kept before {@code cutoff}, for
     * sweeping out those no image uses any more. Keeping bytes already stored counts as keeping.
     */
    Flux<String> keptBefore(java.time.Instant cutoff);

    /** Bytes streamed to local disk, not yet kept. */
    record StagedBlob(String sha256, long size, Path file) {
    }
}
