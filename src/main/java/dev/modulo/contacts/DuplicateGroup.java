package dev.modulo.contacts;

import java.util.List;

/** Contacts that share an email address or a normalised phone number, offered for merging. */
public record DuplicateGroup(List<Contact> contacts, List<String> shared) {
}
