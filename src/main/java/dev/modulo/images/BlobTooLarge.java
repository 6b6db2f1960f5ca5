package dev.modulo.images;

/** An upload went past the size limit while it streamed; nothing of it was kept. */
public class BlobTooLarge extends RuntimeException {

    private final long limit;

    public BlobTooLarge(long limit) {
        super("Larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
