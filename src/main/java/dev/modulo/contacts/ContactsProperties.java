package dev.modulo.contacts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the contacts module ({@code modulo.contacts.*}).
 *
 * @param maxImportSize  largest .vcf file accepted, enforced while it streams in
 * @param maxImportCards most cards one file may hold
 * @param maxPhotoSize   largest photo (decoded) taken from a card or an upload; a larger one is left out
 */
@ConfigurationProperties("modulo.contacts")
public record ContactsProperties(
        @DefaultValue("20MB") DataSize maxImportSize,
        @DefaultValue("20000") int maxImportCards,
        @DefaultValue("2MB") DataSize maxPhotoSize) {
}
