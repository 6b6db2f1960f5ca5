package dev.modulo.blog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tags as typed ({@code "Travel, food,  Food "}) → normalised ({@code travel,food}). */
final class Tags {

    static final int MAX_TAGS = 20;
    static final int MAX_LENGTH = 40;

    private Tags() {
    }

    static List<String> normalise(String typed) {
        Set<String> tags = new LinkedHashSet<>();
        if (typed != null) {
            for (String part : typed.split(",")) {
                String tag = Slugs.slugify(part, Integer.MAX_VALUE);
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
        }
        return List.copyOf(tags);
    }

    static Optional<String> problem(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            return Optional.of("Use at most " + MAX_TAGS + " tags.");
        }
        if (tags.stream().anyMatch(tag -> tag.length() > MAX_LENGTH)) {
            return Optional.of("Keep each tag under " + MAX_LENGTH + " characters.");
        }
        return Optional.empty();
    }
}
