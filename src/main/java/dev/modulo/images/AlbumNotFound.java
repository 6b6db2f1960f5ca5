package dev.modulo.images;

/** No such album for this account (or no such share link): shown as 404. */
public class AlbumNotFound extends RuntimeException {

    public AlbumNotFound() {
        super("No such album");
    }
}
