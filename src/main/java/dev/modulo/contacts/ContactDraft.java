package dev.modulo.contacts;

import java.util.ArrayList;
import java.util.List;

/**
 * A contact as typed into the form (or read from a card), before it is checked. Rows whose value
 * is blank are dropped when it is saved.
 */
public record ContactDraft(
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
        List<Entry> emails,
        List<Entry> phones,
        List<Entry> urls,
        List<AddressEntry> addresses) {

    /** An email, phone number or web address with its type. */
    public record Entry(String type, String label, String value) {

        public static Entry empty() {
            return new Entry(ContactTypes.HOME, "", "");
        }

        public boolean isBlank() {
            return value == null || value.isBlank();
        }
    }

    /** A postal address with its type. */
    public record AddressEntry(String type, String label, String street, String locality, String region,
            String postalCode, String country) {

        public static AddressEntry empty() {
            return new AddressEntry(ContactTypes.HOME, "", "", "", "", "", "");
        }

        public boolean isBlank() {
            return List.of(nz(street), nz(locality), nz(region), nz(postalCode), nz(country)).stream()
                    .allMatch(String::isBlank);
        }
    }

    public static ContactDraft empty() {
        return new ContactDraft("", "", "", "", "", "", "", "", "", "", "", "", "", false, List.of(), List.of(),
                List.of(), List.of());
    }

    /** The draft of a saved contact, to edit it. */
    public static ContactDraft of(ContactCard card) {
        Contact c = card.contact();
        return new ContactDraft(c.displayName(), c.prefix(), c.givenName(), c.middleName(), c.familyName(), c.suffix(),
                c.nickname(), c.organization(), c.title(), nz(c.birthday()), nz(c.anniversary()), c.notes(),
                String.join(", ", c.tagList()), c.favourite(), entries(card.emails()), entries(card.phones()),
                entries(card.urls()), card.addresses().stream()
                        .map(a -> new AddressEntry(a.type(), a.label(), a.street(), a.locality(), a.region(),
                                a.postalCode(), a.country()))
                        .toList());
    }

    /** The same draft with one more empty row of emails, phones, urls or addresses, for the form. */
    public ContactDraft withEmptyRows(int emailRows, int phoneRows, int urlRows, int addressRows) {
        return new ContactDraft(displayName, prefix, givenName, middleName, familyName, suffix, nickname, organization,
                title, birthday, anniversary, notes, tags, favourite, pad(emails, emailRows, Entry.empty()),
                pad(phones, phoneRows, new Entry(ContactTypes.MOBILE, "", "")), pad(urls, urlRows, Entry.empty()),
                pad(addresses, addressRows, AddressEntry.empty()));
    }

    /** The same draft without its blank rows. */
    public ContactDraft withoutBlankRows() {
        return new ContactDraft(displayName, prefix, givenName, middleName, familyName, suffix, nickname, organization,
                title, birthday, anniversary, notes, tags, favourite,
                emails.stream().filter(e -> !e.isBlank()).toList(), phones.stream().filter(e -> !e.isBlank()).toList(),
                urls.stream().filter(e -> !e.isBlank()).toList(),
                addresses.stream().filter(a -> !a.isBlank()).toList());
    }

    private static <T> List<T> pad(List<T> rows, int extra, T empty) {
        List<T> padded = new ArrayList<>(rows);
        for (int i = 0; i < extra; i++) {
            padded.add(empty);
        }
        return padded;
    }

    private static List<Entry> entries(List<ContactDetail> details) {
        return details.stream().map(d -> new Entry(d.type(), d.label(), d.detailValue())).toList();
    }

    static String nz(String text) {
        return text == null ? "" : text;
    }
}
