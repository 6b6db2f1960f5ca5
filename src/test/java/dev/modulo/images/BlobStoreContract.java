package dev.modulo.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.modulo.images.BlobStore.StagedBlob;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link BlobStore} promises; each implementation's test implements this. */
interface BlobStoreContract {

    BlobStore store();

    static Flux<DataBuffer> chunks(String... parts) {
        return Flux.fromArray(parts).map(part -> DefaultDataBufferFactory.sharedInstance
                .wrap(part.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    default void stagingHashesAndCountsTheStreamedBytes() throws Exception {
        StagedBlob staged = store().stage(chunks("hello, ", "blob ", "store"), 1000).block();

        assertThat(staged.sha256()).isEqualTo(sha256("hello, blob store"));
        assertThat(staged.size()).isEqualTo(17);
        store().discard(staged).block();
    }

    @Test
    default void aKeptBlobOpensUnderItsHashWithTheSameBytes() throws Exception {
        String content = "kept bytes " + System.nanoTime();
        StagedBlob staged = store().stage(chunks(content), 1000).block();
        store().keep(staged).block();

        StepVerifier.create(store().open(staged.sha256()))
                .assertNext(resource -> assertThat(readAll(resource)).isEqualTo(content))
                .verifyComplete();
    }

    @Test
    default void keepingTheSameBytesTwiceStoresThemOnce() throws Exception {
        String content = "twice " + System.nanoTime();
        StagedBlob first = store().stage(chunks(content), 1000).block();
        StagedBlob second = store().stage(chunks(content), 1000).block();

        store().keep(first).then(store().keep(second)).block();

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(readAll(store().open(first.sha256()).block())).isEqualTo(content);
    }

    @Test
    default void streamingPastTheLimitFailsAndLeavesNothingStaged() {
        StepVerifier.create(store().stage(chunks("0123456789", "0123456789"), 15))
                .expectError(BlobTooLarge.class)
                .verify();
    }

    @Test
    default void aDiscardedBlobIsNotStored() throws Exception {
        StagedBlob staged = store().stage(chunks("discard me " + System.nanoTime()), 1000).block();

        store().discard(staged).block();

        StepVerifier.create(store().open(staged.sha256())).verifyComplete();
    }

    @Test
    default void derivedFilesAreStoredOpenedAndDeletedByName() throws Exception {
        String name = sha256("derived " + System.nanoTime()) + ".320.jpg";

        store().putDerived(name, new byte[] {1, 2, 3}).block();
        assertThat(store().open(name).block().getContentAsByteArray()).containsExactly(1, 2, 3);

        store().delete(name).block();
        StepVerifier.create(store().open(name)).verifyComplete();
    }

    @Test
    default void keptBlobsAreListedOnceTheyAreOlderThanTheCutoff() throws Exception {
        StagedBlob staged = store().stage(chunks("listed " + System.nanoTime()), 1000).block();
        store().keep(staged).block();

        assertThat(store().keptBefore(java.time.Instant.now().minusSeconds(3600)).collectList().block())
                .doesNotContain(staged.sha256());
        assertThat(store().keptBefore(java.time.Instant.now().plusSeconds(60)).collectList().block())
                .contains(staged.sha256());
    }

    @Test
    default void namesThatAreNotHashesAreRefused() {
        StepVerifier.create(store().open("../../etc/passwd")).expectError(IllegalArgumentException.class).verify();
    }

    private static String readAll(org.springframework.core.io.Resource resource) {
        try {
            return new String(resource.getContentAsByteArray(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
