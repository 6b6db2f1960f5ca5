package dev.modulo.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.modulo.platform.Blocking;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blobs as files: {@code <root>/ab/cd/<sha256>}, derived files beside them, staging in
 * {@code <root>/staging}. Writes stream through an asynchronous file channel; file-system
 * calls that block (move, delete, mkdir) go through {@link Blocking}.
 */
final class FileSystemBlobStore implements BlobStore {

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}(\\.[a-z0-9]{1,10}){0,2}");
    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path staging;

    FileSystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve("staging");
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the blob store at " + this.root, e);
        }
    }

    @Override
    public Mono<StagedBlob> stage(Flux<DataBuffer> content, long maxBytes) {
        // Opening the file (and drawing a random name) blocks briefly: start off the event loop.
        return Blocking.FILES.defer(() -> streamTo(staging.resolve(UUID.randomUUID().toString()), content, maxBytes));
    }

    private Mono<StagedBlob> streamTo(Path file, Flux<DataBuffer> content, long maxBytes) {
        MessageDigest sha256 = sha256();
        AtomicLong size = new AtomicLong();
        Flux<DataBuffer> counted = content.map(buffer -> {
            if (size.addAndGet(buffer.readableByteCount()) > maxBytes) {
                DataBufferUtils.release(buffer);
                throw new BlobTooLarge(maxBytes);
            }
            try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
                chunks.forEachRemaining(sha256::update);
            }
            return buffer;
        });
        return DataBufferUtils.write(counted, file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                .then(Mono.fromSupplier(() -> new StagedBlob(HexFormat.of().formatHex(sha256.digest()), size.get(), file)))
                .onErrorResume(error -> Blocking.FILES.run(() -> deleteQuietly(file)).then(Mono.error(error)));
    }

    @Override
    public Mono<Void> keep(StagedBlob staged) {
        return Blocking.FILES.run(() -> {
            Path target = pathOf(staged.sha256());
            try {
                Files.createDirectories(target.getParent());
                if (Files.exists(target)) {
                    // Kept again: a sweep running now must not take it away (see keptBefore).
                    Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
                    Files.delete(staged.file());
                    return;
                }
                move(staged.file(), target);
                Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public Mono<Void> discard(StagedBlob staged) {
        return Blocking.FILES.run(() -> deleteQuietly(staged.file()));
    }

    @Override
    public Mono<Void> putDerived(String name, byte[] content) {
        return Blocking.FILES.run(() -> {
            Path target = pathOf(name);
            Path temporary = staging.resolve(UUID.randomUUID().toString());
            try {
                Files.createDirectories(target.getParent());
                Files.write(temporary, content, StandardOpenOption.CREATE_NEW);
                move(temporary, target);
            } catch (IOException e) {
                deleteQuietly(temporary);
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public Mono<Resource> open(String name) {
        return Blocking.FILES.call(() -> {
            Path path = pathOf(name);
            return Files.isRegularFile(path) ? new FileSystemResource(path) : null;
        });
    }

    @Override
    public Mono<Void> delete(String name) {
        return Blocking.FILES.run(() -> deleteQuietly(pathOf(name)));
    }

    @Override
    public Flux<String> keptBefore(java.time.Instant cutoff) {
        // Walked lazily, as the sweeper asks for more: a store of millions of files is never listed whole.
        return Blocking.FILES.each(() -> Files.walk(root, 3)
                .filter(path -> !path.startsWith(staging))
                .filter(path -> BLOB.matcher(path.getFileName().toString()).matches())
                .filter(Files::isRegularFile)
                .filter(path -> lastModified(path).isBefore(cutoff))
                .map(path -> path.getFileName().toString()));
    }

    private static java.time.Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return java.time.Instant.MAX;
        }
    }

    /** {@code ab/cd/<name>}: two levels of 256 folders keep directories small. */
    private Path pathOf(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a blob name: " + name);
        }
        return root.resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // Another upload of the same bytes won the race: the content is identical.
            Files.deleteIfExists(from);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover staging file is harmless; the next start-up could sweep them.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
