package dev.modulo.images;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the image manager ({@code modulo.images.*}).
 *
 * @param maxFileSize largest file accepted, enforced while it streams in
 * @param maxPixels   largest width × height accepted, read from the header before decoding
 */
@ConfigurationProperties("modulo.images")
public record ImagesProperties(
        @DefaultValue("25MB") DataSize maxFileSize,
        @DefaultValue("50000000") long maxPixels) {
}
