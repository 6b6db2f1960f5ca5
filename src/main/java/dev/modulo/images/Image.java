package dev.modulo.images;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.modulo.accounts.StorageUsage;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An image an account keeps: where its bytes are (by SHA-256), what it is, and what it shows. */
@Table
public record Image(
        @Id Long id,
        long accountId,
        String sha256,
        String mediaType,
        String thumbnailType,
        String originalName,
        long sizeBytes,
        int width,
        int height,
        String caption,
        String tags,
        Instant takenAt,
        Instant uploadedAt,
        Instant sortAt,
        String camera,
        String lens,
        String exposure,
        Double latitude,
        Double longitude,
        String shareToken) {

    public Exif exif() {
        return new Exif(takenAt, camera, lens, exposure, latitude, longitude);
    }

    public String sizeText() {
        return StorageUsage.format(sizeBytes);
    }

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    /** The name of a thumbnail in the blob store. */
    String thumbnailName(int size) {
        return sha256 + "." + size + "." + ("image/png".equals(thumbnailType) ? "png" : "jpg");
    }

    Image withShareToken(String token) {
        return new Image(id, accountId, sha256, mediaType, thumbnailType, originalName, sizeBytes, width, height,
                caption, tags, takenAt, uploadedAt, sortAt, camera, lens, exposure, latitude, longitude, token);
    }

    public boolean isShared() {
        return shareToken != null;
    }
}
