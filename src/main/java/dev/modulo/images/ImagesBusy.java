package dev.modulo.images;

import java.util.concurrent.TimeoutException;

/**
 * Too many pictures are being decoded at once for the memory set aside for it, and this one did
 * not get its share in time: not the file's fault, so try again later. Its cause is a
 * {@link TimeoutException}, which the web layer answers with 503 and {@code Retry-After} (and
 * mail-in with 451).
 */
public class ImagesBusy extends RuntimeException {

    ImagesBusy(String message) {
        super(message, new TimeoutException(message));
    }
}
