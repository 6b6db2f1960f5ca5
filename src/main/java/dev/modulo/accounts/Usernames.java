package dev.modulo.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a username: it is also the public blog's address, {@code /@username}. */
final class Usernames {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 32;

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    /** Words that are, or may become, paths, hosts or roles of the service itself. */
    private static final Set<String> RESERVED = Set.of(
            "about", "account", "accounts", "actuator", "admin", "administrator", "api", "app", "assets",
            "auth", "billing", "blog", "blogs", "calendar", "contact", "contacts", "css", "dashboard", "dev",
            "error", "feed", "feeds", "ftp", "help", "home", "images", "img", "imap", "info", "js", "login",
            "logout", "mail", "mailer", "modulo", "null", "owner", "plans", "pop", "postmaster", "pricing",
            "privacy", "public", "register", "reset", "root", "security", "settings", "signin", "signup",
            "smtp", "static", "status", "subscribe", "support", "system", "terms", "test", "todo", "undefined",
            "user", "users", "verify", "webmaster", "well-known", "www");

    private Usernames() {
    }

    static String normalise(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }

    /** The reason {@code username} (already normalised) is refused, if it is. */
    static Optional<String> problem(String username) {
        if (username.isEmpty()) {
            return Optional.of("Choose a username.");
        }
        if (username.length() < MIN_LENGTH || username.length() > MAX_LENGTH) {
            return Optional.of("Use " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
        }
        if (!SHAPE.matcher(username).matches()) {
            return Optional.of("Use only lower-case letters, digits and hyphens, starting and ending with a "
                    + "letter or digit.");
        }
        if (RESERVED.contains(username)) {
            return Optional.of("“" + username + "” is reserved. Please choose another username.");
        }
        return Optional.empty();
    }
}
