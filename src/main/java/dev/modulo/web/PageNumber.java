package dev.modulo.web;

/**
 * The {@code page} query parameter of a paged list (1 when absent), read the same way on every
 * page: a controller takes a {@code PageNumber} argument instead of an {@code int}. Anything but a
 * whole number from 1 to {@link #MAX} is a 400 that says so; a page past the last one is a 404
 * ({@link #requireContent}), never an empty page.
 */
public record PageNumber(int value) {

    public static final int MAX = 100_000;

    public static final String PARAMETER = "page";

    public static final PageNumber FIRST = new PageNumber(1);

    public PageNumber {
        if (value < 1 || value > MAX) {
            throw outOfRange();
        }
    }

    /** Reads the parameter as typed in the address; null or blank is the first page. */
    public static PageNumber parse(String text) {
        if (text == null || text.isBlank()) {
            return FIRST;
        }
        String digits = text.strip();
        if (digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw outOfRange();
        }
        return new PageNumber(Integer.parseInt(digits));
    }

    /** {@code page} as it is, unless it is past the first and empty: then 404. */
    public <T> T requireContent(T page, boolean empty) {
        if (empty && value > 1) {
            throw ClientFault.notFound();
        }
        return page;
    }

    private static ClientFault outOfRange() {
        return ClientFault.badRequest("The page number in the address must be a whole number from 1 to 100,000.");
    }
}
