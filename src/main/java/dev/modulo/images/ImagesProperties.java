package dev.modulo.images;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the image manager ({@code modulo.images.*}).
 *
 * @param maxFileSize  largest file accepted, enforced while it streams in
 * @param maxPixels    largest width × height accepted, read from the header before decoding
 * @param decodeMemory memory all uploads together may use for decoding pictures at once; unset, a
 *                     quarter of the heap
 * @param decodeWait   how long an upload waits for its share of that memory before it is refused
 *                     as busy (503, try again)
 */
@ConfigurationProperties("modulo.images")
public record ImagesProperties(
        @DefaultValue("25MB") DataSize maxFileSize,
        @DefaultValue("50000000") long maxPixels,
        DataSize decodeMemory,
        @DefaultValue("30s") Duration decodeWait) {

    /** The decode memory in bytes: as set, or a quarter of the heap. */
    long decodeMemoryBytes() {
        return decodeMemory != null ? decodeMemory.toBytes() : DecodeBudget.defaultBytes();
    }
}
