package dev.modulo.blog;

/** No such post for this account, or none the asker may see: shown as 404 either way. */
public class PostNotFound extends RuntimeException {

    public PostNotFound() {
        super("No such post");
    }
}
