package dev.modulo.contacts;

import java.util.List;

/** A contact with every way to reach them. */
public record ContactCard(
        Contact contact,
        List<ContactDetail> emails,
        List<ContactDetail> phones,
        List<ContactDetail> urls,
        List<ContactAddress> addresses,
        boolean hasPhoto) {

    public long id() {
        return contact.id();
    }
}
