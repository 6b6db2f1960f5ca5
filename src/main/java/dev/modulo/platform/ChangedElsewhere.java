package dev.modulo.platform;

/**
 * A save made from a stale copy: the row changed (in another tab, on another device) after the
 * form was shown, so saving it whole would silently undo that change. Web layers answer 409 and
 * show the form again with what the person typed and {@link #FORM_MESSAGE}; it never becomes a 500.
 */
public class ChangedElsewhere extends RuntimeException {

    public static final String MESSAGE = "This was changed elsewhere — reload and try again.";

    /** Beside a form shown again after a conflict: it carries the new version, so saving it again is a choice. */
    public static final String FORM_MESSAGE = MESSAGE
            + " (Saving this form again replaces that change with what you see here.)";

    /** The form field errors that show {@link #FORM_MESSAGE} at the top of a form. */
    public static java.util.Map<String, String> formErrors() {
        return java.util.Map.of("version", FORM_MESSAGE);
    }

    public ChangedElsewhere() {
        super("Changed elsewhere since it was read", null, false, false);
    }

    /**
     * The version a form was shown with ({@code version} field), or {@code fallback} (the version
     * just read) when the form has none or it is not a number.
     */
    public static long expectedVersion(String typed, long fallback) {
        if (typed == null || typed.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(typed.strip());
        } catch (NumberFormatException unreadable) {
            return fallback;
        }
    }
}
