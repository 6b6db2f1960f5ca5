package dev.modulo.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password rules after OWASP ASVS 5.0 (V6.2): at least 8 characters, long passphrases welcome, no
 * composition rules, and none of the 3,000 most common passwords.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private static final String COMMON_PASSWORDS = "accounts/common-passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** The reason {@code password} is refused for this person, if it is. */
    public Optional<String> problem(String password, String username, String email) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Choose a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters. A few words make a good password.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("That is one of the most common passwords. Please choose another.");
        }
        if (lower.equals(username) || lower.equals(email)) {
            return Optional.of("Your password must not be your username or email address.");
        }
        return Optional.empty();
    }

    // Read once at start-up, on the main thread, so no request ever touches the file.
    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(COMMON_PASSWORDS).getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.strip().toLowerCase(Locale.ROOT))
                    .forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS, e);
        }
        return Set.copyOf(words);
    }
}
