package dev.modulo.contacts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How names are folded for ordering and searching: lower case, accents removed, spaces collapsed. */
final class ContactText {

    private ContactText() {
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                folded.append(c);
            }
        }
        return folded.toString().toLowerCase(Locale.ROOT).replace('ß', 's').strip().replaceAll("\\s+", " ");
    }

    static String letterOf(String sortKey) {
        if (sortKey == null || sortKey.isEmpty()) {
            return "#";
        }
        char first = sortKey.charAt(0);
        return first >= 'a' && first <= 'z' ? String.valueOf(Character.toUpperCase(first)) : "#";
    }

    /** The words a search looks through, space-separated, with a space before and after. */
    static String searchText(String... parts) {
        String joined = Stream.of(parts)
                .filter(Objects::nonNull)
                .map(ContactText::fold)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(" "));
        String text = " " + joined + " ";
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
