package dev.modulo.contacts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person (or an organisation) in someone's contacts. Emails, phones, web addresses and postal
 * addresses are rows of their own ({@link ContactDetail}, {@link ContactAddress}).
 *
 * @param birthday    ISO date, {@code 1985-04-15}, or {@code --04-15} without a year; null if not known
 * @param tags        the groups it is in, comma-separated
 * @param sortKey     lower-cased display name without accents: the list's order
 * @param letter      the letter of the index it is listed under: A–Z, or # for anything else
 * @param searchText  lower-cased name parts, nickname, organisation, title and tags, for searches
 * @param version     counts the saves of the contact (the favourite star too): the edit form's save
 *                    over a newer contact fails instead of undoing the other save
 */
@Table
public record Contact(
        @Id Long id,
        long accountId,
        String uid,
        String displayName,
        String prefix,
        String givenName,
        String middleName,
        String familyName,
        String suffix,
        String nickname,
        String organization,
        String title,
        String birthday,
        String anniversary,
        String notes,
        String tags,
        boolean favourite,
        String sortKey,
        String letter,
        String searchText,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    /** Initials for the place of a missing photo. */
    public String initials() {
        StringBuilder initials = new StringBuilder();
        for (String word : displayName.strip().split("\\s+")) {
            if (!word.isEmpty() && initials.length() < 2 && Character.isLetterOrDigit(word.codePointAt(0))) {
                initials.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
            }
        }
        return initials.toString();
    }

    /** The birthday as people write it: "15 April 1985", or "15 April" when the year is not known. */
    public String birthdayText() {
        return readable(birthday);
    }

    public String anniversaryText() {
        return readable(anniversary);
    }

    private static String readable(String isoDate) {
        if (isoDate == null) {
            return null;
        }
        try {
            if (isoDate.startsWith("--")) {
                return java.time.MonthDay.parse(isoDate).format(
                        java.time.format.DateTimeFormatter.ofPattern("d MMMM", java.util.Locale.ENGLISH));
            }
            return java.time.LocalDate.parse(isoDate).format(
                    java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH));
        } catch (java.time.format.DateTimeParseException unusual) {
            return isoDate;
        }
    }

    Contact withFavourite(boolean value) {
        return new Contact(id, accountId, uid, displayName, prefix, givenName, middleName, familyName, suffix, nickname,
                organization, title, birthday, anniversary, notes, tags, value, sortKey, letter, searchText, createdAt,
                updatedAt, version);
    }

    /** The same contact, to be saved over {@code expected}. */
    Contact withVersion(Long expected) {
        return new Contact(id, accountId, uid, displayName, prefix, givenName, middleName, familyName, suffix, nickname,
                organization, title, birthday, anniversary, notes, tags, favourite, sortKey, letter, searchText, createdAt,
                updatedAt, expected);
    }
}
