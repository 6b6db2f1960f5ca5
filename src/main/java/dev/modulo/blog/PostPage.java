package dev.modulo.blog;

import java.util.List;

/** One page of posts, numbered from 1, and whether another follows. */
public record PostPage(List<BlogPost> posts, int number, boolean hasNext) {

    public boolean hasPrevious() {
        return number > 1;
    }

    /** Reads a page of {@code size} from a query that was asked for {@code size + 1} rows. */
    static PostPage of(List<BlogPost> rows, int number, int size) {
        return new PostPage(rows.size() > size ? rows.subList(0, size) : rows, number, rows.size() > size);
    }

    static long offset(int number, int size) {
        return (long) (Math.max(number, 1) - 1) * size;
    }
}
