package dev.modulo.blog;

/** The post, or the whole blog, takes no comments. */
public class CommentsClosed extends RuntimeException {

    public CommentsClosed() {
        super("Comments are closed for this post.");
    }
}
