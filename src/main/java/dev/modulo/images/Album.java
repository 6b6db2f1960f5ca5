package dev.modulo.images;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A named set of an account's images; deleting it leaves the images be. */
@Table
public record Album(@Id Long id, long accountId, String name, Long coverImageId, String shareToken, Instant createdAt) {

    public boolean isShared() {
        return shareToken != null;
    }

    Album withName(String newName) {
        return new Album(id, accountId, newName, coverImageId, shareToken, createdAt);
    }

    Album withCover(Long imageId) {
        return new Album(id, accountId, name, imageId, shareToken, createdAt);
    }

    Album withShareToken(String token) {
        return new Album(id, accountId, name, coverImageId, token, createdAt);
    }
}
