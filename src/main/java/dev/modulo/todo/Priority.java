package dev.modulo.todo;

import java.util.Locale;

/** How much a task matters; stored as its number, highest first when sorting. */
public enum Priority {

    NONE(0, ""), LOW(1, "low"), MEDIUM(2, "medium"), HIGH(3, "high");

    private final int level;
    private final String label;

    Priority(int level, String label) {
        this.level = level;
        this.label = label;
    }

    public int level() {
        return level;
    }

    public String label() {
        return label;
    }

    public static Priority ofLevel(int level) {
        for (Priority priority : values()) {
            if (priority.level == level) {
                return priority;
            }
        }
        return NONE;
    }

    /** {@code high}, {@code med}, {@code 1} (the most important) … */
    static Priority fromWord(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "high", "1" -> HIGH;
            case "medium", "med", "2" -> MEDIUM;
            case "low", "3" -> LOW;
            default -> NONE;
        };
    }
}
