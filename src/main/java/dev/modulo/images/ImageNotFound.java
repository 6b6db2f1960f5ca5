package dev.modulo.images;

/** No such image for this account: shown as 404. */
public class ImageNotFound extends RuntimeException {

    public ImageNotFound() {
        super("No such image");
    }
}
