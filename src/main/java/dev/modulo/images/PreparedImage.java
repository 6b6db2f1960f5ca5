package dev.modulo.images;

/**
 * A picture whose files are written (original and thumbnails in the blob store) but which no
 * account keeps yet: the first step of {@link ImageService#prepare}, before
 * {@link ImageService#record} writes its row inside a transaction. One that is never recorded
 * costs nothing: the sweep removes files no image uses.
 */
public final class PreparedImage {

    private final String fileName;
    /** The row to insert; null when refused or when the account already has these bytes. */
    final Image row;
    /** The SHA-256 of the bytes; null when refused. */
    final String sha256;
    /** Why the picture is not kept; null when it can be. */
    final String refusal;

    private PreparedImage(String fileName, Image row, String sha256, String refusal) {
        this.fileName = fileName;
        this.row = row;
        this.sha256 = sha256;
        this.refusal = refusal;
    }

    static PreparedImage stored(Image row) {
        return new PreparedImage(row.originalName(), row, row.sha256(), null);
    }

    /** Bytes the account already keeps: recording finds that image instead of adding one. */
    static PreparedImage alreadyKept(String fileName, String sha256) {
        return new PreparedImage(fileName, null, sha256, null);
    }

    static PreparedImage refused(String fileName, String why) {
        return new PreparedImage(fileName, null, null, why);
    }

    public String fileName() {
        return fileName;
    }

    public boolean refused() {
        return refusal != null;
    }
}
