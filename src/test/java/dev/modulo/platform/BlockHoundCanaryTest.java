package dev.modulo.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.modulo.testing.BlockingCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves BlockHound is live in this suite: blocking on a non-blocking thread fails. (The block
 * happens in {@code map}: an Error thrown in {@code fromCallable} never reaches onError.)
 */
class BlockHoundCanaryTest {

    @Test
    void sleepingOnAParallelThreadFails() {
        Mono<Integer> sleeper = Mono.just(1)
                .publishOn(Schedulers.parallel())
                .map(value -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return value;
                });

        StepVerifier.create(sleeper)
                .expectErrorMatches(error -> error instanceof BlockingOperationError
                        && error.getMessage().contains("Thread.sleep"))
                .verify();
        assertThat(BlockingCalls.drain()).as("recorded, so a swallowed error still fails its test").hasSize(1);
    }

    @Test
    void fileChannelWritesOnAParallelThreadFail(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("canary"));
        Mono<Integer> writer = Mono.just(file)
                .publishOn(Schedulers.parallel())
                .map(path -> {
                    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        return channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });

        StepVerifier.create(writer)
                .expectErrorMatches(error -> error instanceof BlockingOperationError
                        && error.getMessage().contains("FileChannelImpl"))
                .verify();
        assertThat(BlockingCalls.drain()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Blocking.class)
    void eachBulkheadMayBlockOnThreadsNamedForItsKind(Blocking kind) {
        StepVerifier.create(kind.call(() -> {
                    Thread.sleep(10);
                    return Thread.currentThread().getName();
                }))
                .expectNextMatches(thread -> thread.startsWith(kind.name().toLowerCase(java.util.Locale.ROOT) + "-"))
                .verifyComplete();
    }
}
