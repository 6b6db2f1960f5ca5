package dev.modulo.images;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A named set of an account's images; deleting it leaves the images be. {@code version} counts
 * renames; the cover and the share link change by targeted updates that leave it.
 */
@Table
public record Album(@Id Long id, long accountId, String name, Long coverImageId, String shareToken, Instant createdAt,
        @Version Long version) {

    public boolean isShared() {
        return shareToken != null;
    }
}
