package dev.modulo.contacts;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A contact's small photo (a JPEG thumbnail). */
@Table
public record ContactPhoto(@Id Long id, long accountId, long contactId, String mediaType, byte[] bytes) {
}
