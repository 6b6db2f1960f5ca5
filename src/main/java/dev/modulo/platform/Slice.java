package dev.modulo.platform;

import java.util.List;

/**
 * One page of a long list, numbered from 1, and whether another follows: lists that can grow
 * without bound (overdue tasks, an album's pictures, a post's comments) are shown a page at a time.
 */
public record Slice<T>(List<T> items, int number, boolean hasNext) {

    /** Pages past this are not looked for (they would be empty anyway). */
    public static final int MAX_PAGE = 1_000_000;

    public boolean hasPrevious() {
        return number > 1;
    }

    /** A page number as asked for, kept between 1 and {@link #MAX_PAGE}. */
    public static int number(int asked) {
        return Math.min(Math.max(asked, 1), MAX_PAGE);
    }

    /** How many rows come before page {@code number} of pages of {@code size}. */
    public static long offset(int number, int size) {
        return (long) (number(number) - 1) * size;
    }

    /** Page {@code number} from rows read with one more than {@code size}, the extra one telling that more follow. */
    public static <T> Slice<T> of(List<T> rows, int number, int size) {
        return new Slice<>(rows.size() > size ? List.copyOf(rows.subList(0, size)) : List.copyOf(rows),
                number(number), rows.size() > size);
    }
}
