package dev.modulo.images;

import org.springframework.core.io.Resource;

/** A stored file ready to send: its bytes, type, and a validator for conditional requests. */
public record ServedFile(Resource resource, String mediaType, String etag, String fileName) {
}
