package dev.modulo.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input a person can correct: one message per form field. Web layers show each message beside
 * its field and answer 400; it never becomes a 500.
 */
public class InvalidInput extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidInput(Map<String, String> fieldErrors) {
        super("Invalid input: " + fieldErrors.keySet());
        if (fieldErrors.isEmpty()) {
            throw new IllegalArgumentException("InvalidInput needs at least one field error");
        }
        this.fieldErrors = Map.copyOf(new LinkedHashMap<>(fieldErrors));
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(Map.of(field, message));
    }

    /** Field name → message. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
