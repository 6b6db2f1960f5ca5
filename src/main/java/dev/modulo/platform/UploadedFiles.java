package dev.modulo.platform;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Small files people upload to be read whole (an .ics, a .vcf): collected in memory up to a cap,
 * with the person's mistakes as {@link InvalidInput} on the form field.
 */
public final class UploadedFiles {

    private UploadedFiles() {
    }

    /**
     * All of {@code content} as one array (empty when there is none), released as it is copied; a
     * {@link DataBufferLimitException} past {@code maxBytes}, where reading stops.
     */
    public static Mono<byte[]> join(Flux<DataBuffer> content, int maxBytes) {
        return DataBufferUtils.join(content, maxBytes)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
    }

    /**
     * The bytes of the file in {@code field}: an error on that field when none was chosen, when it
     * is empty, or when it is larger than {@code maxBytes} (reading stops there).
     */
    public static Mono<byte[]> read(MultiValueMap<String, Part> parts, String field, int maxBytes) {
        Part part = parts.getFirst(field);
        if (!(part instanceof FilePart file) || file.filename().isBlank()) {
            return Mono.error(InvalidInput.of(field, "Choose a file to import."));
        }
        return join(file.content(), maxBytes)
                .onErrorMap(DataBufferLimitException.class, tooBig -> InvalidInput.of(field,
                        "The file is larger than " + maxBytes / (1024 * 1024) + " MB; split it first."))
                .flatMap(bytes -> bytes.length == 0
                        ? Mono.error(InvalidInput.of(field, "The file is empty."))
                        : Mono.just(bytes));
    }
}
