package dev.modulo.contacts.web;

import java.util.ArrayList;
import java.util.List;

import dev.modulo.contacts.ContactDraft;
import dev.modulo.contacts.ContactDraft.AddressEntry;
import dev.modulo.contacts.ContactDraft.Entry;
import org.springframework.util.MultiValueMap;

/** Reads the contact form: repeated rows come as parallel lists of fields with one name each. */
final class ContactForms {

    private ContactForms() {
    }

    static ContactDraft draft(MultiValueMap<String, String> form) {
        return new ContactDraft(first(form, "displayName"), first(form, "prefix"), first(form, "givenName"),
                first(form, "middleName"), first(form, "familyName"), first(form, "suffix"), first(form, "nickname"),
                first(form, "organization"), first(form, "title"), first(form, "birthday"), first(form, "anniversary"),
                first(form, "notes"), first(form, "tags"), form.containsKey("favourite"),
                entries(form, "email"), entries(form, "phone"), entries(form, "url"), addresses(form));
    }

    private static List<Entry> entries(MultiValueMap<String, String> form, String prefix) {
        List<String> values = form.getOrDefault(prefix + "Value", List.of());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < values.size() && i < 200; i++) {
            entries.add(new Entry(at(form, prefix + "Type", i), at(form, prefix + "Label", i), values.get(i)));
        }
        return entries;
    }

    private static List<AddressEntry> addresses(MultiValueMap<String, String> form) {
        List<String> streets = form.getOrDefault("addressStreet", List.of());
        List<AddressEntry> entries = new ArrayList<>();
        for (int i = 0; i < streets.size() && i < 200; i++) {
            entries.add(new AddressEntry(at(form, "addressType", i), at(form, "addressLabel", i), streets.get(i),
                    at(form, "addressLocality", i), at(form, "addressRegion", i), at(form, "addressPostalCode", i),
                    at(form, "addressCountry", i)));
        }
        return entries;
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    private static String at(MultiValueMap<String, String> form, String name, int index) {
        List<String> values = form.getOrDefault(name, List.of());
        return index < values.size() && values.get(index) != null ? values.get(index) : "";
    }
}
