package dev.modulo.blog;

/** No such comment on the asker's blog: shown as 404. */
public class CommentNotFound extends RuntimeException {

    public CommentNotFound() {
        super("No such comment");
    }
}
