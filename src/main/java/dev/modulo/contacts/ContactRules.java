package dev.modulo.contacts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.modulo.contacts.ContactDraft.AddressEntry;
import dev.modulo.contacts.ContactDraft.Entry;
import dev.modulo.contacts.ContactTypes.Typed;

/** Checks a draft and puts it into the shape it is stored in; each problem is named by its form field. */
final class ContactRules {

    static final int MAX_NAME = 500;
    static final int MAX_NAME_PART = 200;
    static final int MAX_ORGANIZATION = 300;
    static final int MAX_NOTES = 20_000;
    static final int MAX_EMAIL = 320;
    static final int MAX_PHONE = 100;
    static final int MAX_URL = 2000;
    static final int MAX_LABEL = 100;
    static final int MAX_ADDRESS_PART = 500;
    static final int MAX_ROWS = 50;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 40;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern YEARLESS_DATE = Pattern.compile("--\\d{2}-\\d{2}");

    private ContactRules() {
    }

    /** A checked contact: the fields as they will be stored. */
    record Checked(String displayName, String prefix, String givenName, String middleName, String familyName,
            String suffix, String nickname, String organization, String title, String birthday, String anniversary,
            String notes, List<String> tags, boolean favourite, List<DetailRow> details, List<AddressEntry> addresses) {

        String sortKey() {
            String key = ContactText.fold(displayName);
            return key.length() > 500 ? key.substring(0, 500) : key;
        }

        String searchText() {
            return ContactText.searchText(displayName, prefix, givenName, middleName, familyName, suffix, nickname,
                    organization, title, String.join(" ", tags));
        }
    }

    /** An email, phone or URL as stored. */
    record DetailRow(String kind, String type, String label, String value, String e164, String searchValue) {
    }

    /** Checks a draft; every problem goes into {@code errors} under its field, and the result is null then. */
    static Checked check(ContactDraft draft, String region, Map<String, String> errors) {
        String prefix = part(draft.prefix(), "prefix", "The prefix", MAX_NAME_PART, errors);
        String given = part(draft.givenName(), "givenName", "The given name", MAX_NAME_PART, errors);
        String middle = part(draft.middleName(), "middleName", "The middle name", MAX_NAME_PART, errors);
        String family = part(draft.familyName(), "familyName", "The family name", MAX_NAME_PART, errors);
        String suffix = part(draft.suffix(), "suffix", "The suffix", MAX_NAME_PART, errors);
        String nickname = part(draft.nickname(), "nickname", "The nickname", MAX_NAME_PART, errors);
        String organization = part(draft.organization(), "organization", "The organisation", MAX_ORGANIZATION, errors);
        String title = part(draft.title(), "title", "The title", MAX_ORGANIZATION, errors);
        String notes = part(draft.notes(), "notes", "The notes", MAX_NOTES, errors);
        String displayName = part(draft.displayName(), "displayName", "The name", MAX_NAME, errors);
        if (displayName.isEmpty()) {
            displayName = Stream.of(prefix, given, middle, family, suffix).filter(p -> !p.isEmpty())
                    .collect(Collectors.joining(" "));
        }
        if (displayName.isEmpty()) {
            displayName = !nickname.isEmpty() ? nickname : organization;
        }
        if (displayName.isEmpty() && !errors.containsKey("displayName")) {
            errors.put("displayName", "Give the contact a name (or at least an organisation).");
        }
        if (displayName.length() > MAX_NAME && !errors.containsKey("displayName")) {
            errors.put("displayName", "Keep the name under " + MAX_NAME + " characters.");
        }
        String birthday = date(draft.birthday(), "birthday", errors);
        String anniversary = date(draft.anniversary(), "anniversary", errors);
        List<String> tags = tags(draft.tags(), errors);

        List<DetailRow> details = new ArrayList<>();
        rows(draft.emails(), "emails", "email address", errors).forEach(entry -> email(entry, details, errors));
        rows(draft.phones(), "phones", "phone number", errors).forEach(entry -> phone(entry, region, details, errors));
        rows(draft.urls(), "urls", "web address", errors).forEach(entry -> url(entry, details, errors));
        List<AddressEntry> addresses = addresses(draft.addresses(), errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Checked(displayName, prefix, given, middle, family, suffix, nickname, organization, title, birthday,
                anniversary, notes, tags, draft.favourite(), details, addresses);
    }

    private static String part(String value, String field, String what, int max, Map<String, String> errors) {
        String stripped = clean(value);
        if (stripped.length() > max) {
            errors.putIfAbsent(field, what + " is " + stripped.length() + " characters long; keep it under " + max + ".");
        }
        return stripped;
    }

    /**
     * Stripped, without control characters other than line breaks and tabs (PostgreSQL refuses NUL
     * in text, and none of them belongs in a contact).
     */
    /** Without control characters, with every line break as \n (forms send \r\n, vCards \n), trimmed. */
    static String clean(String value) {
        return value == null ? "" : CONTROL.matcher(value.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("").strip();
    }

    private static String date(String value, String field, Map<String, String> errors) {
        String typed = value == null ? "" : value.strip();
        if (typed.isEmpty()) {
            return null;
        }
        try {
            if (FULL_DATE.matcher(typed).matches()) {
                return LocalDate.parse(typed).toString();
            }
            if (YEARLESS_DATE.matcher(typed).matches()) {
                MonthDay.parse(typed);
                return typed;
            }
        } catch (DateTimeException e) {
            // Falls through to the message.
        }
        errors.put(field, "Write the date as 1985-04-15, or --04-15 without the year.");
        return null;
    }

    static List<String> tags(String typed, Map<String, String> errors) {
        Map<String, String> unique = new LinkedHashMap<>();
        if (typed != null) {
            for (String tag : typed.split(",")) {
                String clean = clean(tag).replaceAll("\\s+", " ");
                if (!clean.isEmpty()) {
                    unique.putIfAbsent(clean.toLowerCase(Locale.ROOT), clean);
                }
            }
        }
        if (unique.size() > MAX_TAGS || unique.values().stream().anyMatch(tag -> tag.length() > MAX_TAG)) {
            errors.put("tags", "Use at most " + MAX_TAGS + " tags of up to " + MAX_TAG + " characters each.");
        }
        return List.copyOf(unique.values());
    }

    private static List<Entry> rows(List<Entry> entries, String field, String what, Map<String, String> errors) {
        List<Entry> filled = entries == null ? List.of() : entries.stream().filter(entry -> !entry.isBlank()).toList();
        if (filled.size() > MAX_ROWS) {
            errors.put(field, "Keep at most " + MAX_ROWS + " of each kind (this has " + filled.size() + " "
                    + what + "es).");
            return List.of();
        }
        return filled;
    }

    private static Typed typed(Entry entry, String field, Map<String, String> errors) {
        if (entry.label() != null && entry.label().strip().length() > MAX_LABEL) {
            errors.putIfAbsent(field, "Keep labels under " + MAX_LABEL + " characters.");
        }
        return ContactTypes.fromForm(entry.type(), clean(entry.label()));
    }

    private static void email(Entry entry, List<DetailRow> rows, Map<String, String> errors) {
        String value = clean(entry.value());
        if (value.length() > MAX_EMAIL) {
            errors.putIfAbsent("emails", "An email address is " + value.length() + " characters long; keep it under "
                    + MAX_EMAIL + ".");
            return;
        }
        if (!EMAIL.matcher(value).matches()) {
            errors.putIfAbsent("emails", "“" + value + "” does not look like an email address (name@example.com).");
            return;
        }
        Typed type = typed(entry, "emails", errors);
        rows.add(new DetailRow(ContactDetail.EMAIL, type.type(), type.label(), value, null,
                value.toLowerCase(Locale.ROOT)));
    }

    private static void phone(Entry entry, String region, List<DetailRow> rows, Map<String, String> errors) {
        String value = clean(entry.value());
        if (value.length() > MAX_PHONE) {
            errors.putIfAbsent("phones", "A phone number is " + value.length() + " characters long; keep it under "
                    + MAX_PHONE + ".");
            return;
        }
        Typed type = typed(entry, "phones", errors);
        String e164 = PhoneNumbers.e164(value, region).orElse(null);
        // Kept as typed even when it cannot be read; the digits still let a search find it.
        rows.add(new DetailRow(ContactDetail.PHONE, type.type(), type.label(), value, e164,
                PhoneNumbers.digits(e164 != null ? e164 : value)));
    }

    private static void url(Entry entry, List<DetailRow> rows, Map<String, String> errors) {
        String value = clean(entry.value());
        if (value.length() > MAX_URL || value.contains(" ")) {
            errors.putIfAbsent("urls", "Web addresses have no spaces and fewer than " + MAX_URL + " characters.");
            return;
        }
        Typed type = typed(entry, "urls", errors);
        rows.add(new DetailRow(ContactDetail.URL, type.type(), type.label(), value, null,
                value.toLowerCase(Locale.ROOT)));
    }

    private static List<AddressEntry> addresses(List<AddressEntry> entries, Map<String, String> errors) {
        List<AddressEntry> filled = entries == null ? List.of()
                : entries.stream().filter(entry -> !entry.isBlank()).toList();
        if (filled.size() > MAX_ROWS) {
            errors.put("addresses", "Keep at most " + MAX_ROWS + " addresses.");
            return List.of();
        }
        List<AddressEntry> clean = new ArrayList<>();
        for (AddressEntry entry : filled) {
            List<String> parts = Stream.of(entry.street(), entry.locality(), entry.region(), entry.postalCode(),
                    entry.country()).map(ContactRules::clean).toList();
            if (parts.stream().anyMatch(part -> part.length() > MAX_ADDRESS_PART)) {
                errors.putIfAbsent("addresses", "Keep each part of an address under " + MAX_ADDRESS_PART + " characters.");
                continue;
            }
            if (entry.label() != null && entry.label().strip().length() > MAX_LABEL) {
                errors.putIfAbsent("addresses", "Keep labels under " + MAX_LABEL + " characters.");
            }
            Typed type = ContactTypes.fromForm(entry.type(), clean(entry.label()));
            clean.add(new AddressEntry(type.type(), type.label(), parts.get(0), parts.get(1), parts.get(2),
                    parts.get(3), parts.get(4)));
        }
        return clean;
    }
}
