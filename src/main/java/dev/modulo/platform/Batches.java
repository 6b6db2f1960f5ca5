package dev.modulo.platform;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reading a large set of rows a batch at a time, for exports that stream as they are written.
 * Each batch is its own short query that continues after the last row of the one before (keyset
 * paging, not OFFSET), so no statement stays open while the caller writes, and memory holds one
 * batch, never a whole account.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * Batches of at most {@code size} rows: {@code next} is given the last row of the previous batch
     * (null for the first) and reads the rows after it, in the order it defines. Ends after the
     * first batch that is not full.
     */
    public static <T> Flux<List<T>> after(int size, Function<T, Flux<T>> next) {
        return read(null, next)
                .expand(batch -> batch.size() < size ? Mono.empty() : read(batch.get(batch.size() - 1), next))
                .filter(batch -> !batch.isEmpty());
    }

    private static <T> Mono<List<T>> read(T last, Function<T, Flux<T>> next) {
        return Mono.defer(() -> next.apply(last).collectList());
    }

    /** Text as one UTF-8 buffer of a streamed response. */
    public static DataBuffer utf8(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
