package dev.modulo.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email addresses are compared and stored in one normal form: trimmed and lower-case. */
final class EmailAddresses {

    static final int MAX_LENGTH = 254;

    // Deliberately loose: the verification mail is the real test of an address.
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]+");

    private EmailAddresses() {
    }

    static String normalise(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }

    static Optional<String> problem(String email) {
        if (email.isEmpty()) {
            return Optional.of("Enter your email address.");
        }
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches()) {
            return Optional.of("That does not look like an email address.");
        }
        return Optional.empty();
    }
}
