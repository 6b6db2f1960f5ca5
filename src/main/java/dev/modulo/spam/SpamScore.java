package dev.modulo.spam;

import java.util.Locale;

/** How spammy a text looks: 0 surely ham, 1 surely spam, 0.5 cannot tell. */
public record SpamScore(double probability, boolean spam) {

    /** The score as people read it, e.g. {@code 0.97}. */
    public String shown() {
        return String.format(Locale.ROOT, "%.2f", probability);
    }
}
