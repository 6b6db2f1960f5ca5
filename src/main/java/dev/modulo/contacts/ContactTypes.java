package dev.modulo.contacts;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of email, phone and address a contact can have: home, work, mobile, other, or a
 * custom label (anything else, as written).
 */
public final class ContactTypes {

    public static final String HOME = "home";
    public static final String WORK = "work";
    public static final String MOBILE = "mobile";
    public static final String OTHER = "other";
    public static final String CUSTOM = "custom";

    /** The choices of the form, in order. */
    public static final List<String> ALL = List.of(HOME, WORK, MOBILE, OTHER, CUSTOM);

    private ContactTypes() {
    }

    /** What a type is called on the page. */
    public static String describe(String type, String label) {
        if (CUSTOM.equals(type)) {
            return label == null || label.isBlank() ? "custom" : label;
        }
        return type;
    }

    /**
     * A label as written (by a person or in a card's X-ABLabel, {@code _$!<Mobile>!$_}) read as a
     * type: a known word becomes that type, anything else a custom label.
     */
    static Typed fromLabel(String written) {
        if (written == null || written.isBlank()) {
            return new Typed(OTHER, "");
        }
        String label = written.strip();
        if (label.startsWith("_$!<") && label.endsWith(">!$_")) {
            label = label.substring(4, label.length() - 4);
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "home" -> new Typed(HOME, "");
            case "work" -> new Typed(WORK, "");
            case "mobile", "cell", "iphone", "handy" -> new Typed(MOBILE, "");
            case "other" -> new Typed(OTHER, "");
            default -> new Typed(CUSTOM, label);
        };
    }

    /** A type chosen in the form (or a custom label typed beside it). */
    static Typed fromForm(String type, String label) {
        String chosen = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        String typed = label == null ? "" : label.strip();
        if (CUSTOM.equals(chosen)) {
            return typed.isEmpty() ? new Typed(OTHER, "") : new Typed(CUSTOM, typed);
        }
        if (ALL.contains(chosen)) {
            return new Typed(chosen, "");
        }
        return typed.isEmpty() ? new Typed(OTHER, "") : fromLabel(typed);
    }

    /** A type and, for a custom one, its label. */
    record Typed(String type, String label) {
    }
}
