package dev.modulo.blog;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.slugify.Slugify;

/** The last part of a post's address: lower-case words joined by hyphens, unique in one blog. */
final class Slugs {

    static final int MAX_LENGTH = 100;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Slugify SLUGIFY = Slugify.builder().lowerCase(true).locale(Locale.ROOT).build();

    private Slugs() {
    }

    /** A slug made from a title: {@code "Hello, World!"} → {@code hello-world}. */
    static String fromTitle(String title) {
        String slug = slugify(title, MAX_LENGTH);
        return slug.isEmpty() ? "post" : slug;
    }

    /** Lower-case words joined by hyphens, at most {@code maxLength} long; empty when nothing is left. */
    static String slugify(String text, int maxLength) {
        String slug = SLUGIFY.slugify(text == null ? "" : text);
        return slug.length() > maxLength ? slug.substring(0, maxLength).replaceAll("-+$", "") : slug;
    }

    /** {@code base-2}, {@code base-3}, … for the n-th clash. */
    static String numbered(String base, int n) {
        String suffix = "-" + n;
        String head = base.length() + suffix.length() > MAX_LENGTH ? base.substring(0, MAX_LENGTH - suffix.length()) : base;
        return head + suffix;
    }

    static Optional<String> problem(String slug) {
        if (slug.length() > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        if (!SHAPE.matcher(slug).matches()) {
            return Optional.of("Use lower-case letters and digits, with single hyphens between words.");
        }
        return Optional.empty();
    }
}
