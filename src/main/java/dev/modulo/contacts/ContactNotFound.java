package dev.modulo.contacts;

/** No such contact for this account: shown as 404. */
public class ContactNotFound extends RuntimeException {

    public ContactNotFound() {
        super("No such contact");
    }
}
