package dev.modulo.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.modulo.contacts.ContactDraft.AddressEntry;
import dev.modulo.contacts.ContactDraft.Entry;

/** Merges contacts into the first of them, keeping every distinct value. Blocking (reads phone numbers). */
final class Merging {

    private Merging() {
    }

    static ContactDraft merge(List<ContactDraft> drafts, String region) {
        Set<String> notes = new LinkedHashSet<>();
        Map<String, String> tags = new LinkedHashMap<>();
        boolean favourite = false;
        for (ContactDraft draft : drafts) {
            if (draft.notes() != null && !draft.notes().isBlank()) {
                notes.add(draft.notes().strip());
            }
            for (String tag : ContactRules.tags(draft.tags(), new LinkedHashMap<>())) {
                tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
            }
            favourite |= draft.favourite();
        }
        // A contact has one organisation, one birthday…: the kept one wins, the others go into the notes.
        List<String> also = new ArrayList<>();
        others(drafts, ContactDraft::displayName, "also known as", also);
        others(drafts, ContactDraft::nickname, "nickname", also);
        others(drafts, ContactDraft::organization, "organisation", also);
        others(drafts, ContactDraft::title, "title", also);
        others(drafts, ContactDraft::birthday, "birthday", also);
        others(drafts, ContactDraft::anniversary, "anniversary", also);
        if (!also.isEmpty()) {
            notes.add("From the merged contacts: " + String.join("; ", also) + ".");
        }
        return new ContactDraft(
                firstOf(drafts, ContactDraft::displayName), firstOf(drafts, ContactDraft::prefix),
                firstOf(drafts, ContactDraft::givenName), firstOf(drafts, ContactDraft::middleName),
                firstOf(drafts, ContactDraft::familyName), firstOf(drafts, ContactDraft::suffix),
                firstOf(drafts, ContactDraft::nickname), firstOf(drafts, ContactDraft::organization),
                firstOf(drafts, ContactDraft::title), firstOf(drafts, ContactDraft::birthday),
                firstOf(drafts, ContactDraft::anniversary), String.join("\n\n", notes), String.join(",", tags.values()),
                favourite,
                distinct(drafts, ContactDraft::emails, entry -> entry.value().strip().toLowerCase(Locale.ROOT)),
                distinct(drafts, ContactDraft::phones, entry -> PhoneNumbers.e164(entry.value(), region)
                        .orElse(PhoneNumbers.digits(entry.value()))),
                distinct(drafts, ContactDraft::urls, entry -> entry.value().strip().toLowerCase(Locale.ROOT)),
                distinct(drafts, ContactDraft::addresses, Merging::addressKey));
    }

    /** Adds "what: value" for each value of {@code field} that differs from the one kept. */
    private static void others(List<ContactDraft> drafts, Function<ContactDraft, String> field, String what,
            List<String> also) {
        Set<String> seen = new LinkedHashSet<>();
        seen.add(firstOf(drafts, field).strip().toLowerCase(Locale.ROOT));
        for (ContactDraft draft : drafts) {
            String value = field.apply(draft);
            if (value != null && !value.isBlank() && seen.add(value.strip().toLowerCase(Locale.ROOT))) {
                also.add(what + " " + value.strip());
            }
        }
    }

    private static String firstOf(List<ContactDraft> drafts, Function<ContactDraft, String> field) {
        for (ContactDraft draft : drafts) {
            String value = field.apply(draft);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static <T> List<T> distinct(List<ContactDraft> drafts, Function<ContactDraft, List<T>> rows,
            Function<T, String> key) {
        Map<String, T> unique = new LinkedHashMap<>();
        for (ContactDraft draft : drafts) {
            for (T row : rows.apply(draft)) {
                if (row instanceof Entry entry && entry.isBlank() || row instanceof AddressEntry address && address.isBlank()) {
                    continue;
                }
                unique.putIfAbsent(key.apply(row), row);
            }
        }
        return new ArrayList<>(unique.values());
    }

    private static String addressKey(AddressEntry address) {
        return ContactText.fold(String.join("|", address.street(), address.locality(), address.region(),
                address.postalCode(), address.country()));
    }
}
