package dev.modulo.images;

/** A file that is not an image Modulo accepts, or is damaged; the message says which, to a person. */
public class UnacceptableImage extends RuntimeException {

    public UnacceptableImage(String message) {
        super(message);
    }
}
