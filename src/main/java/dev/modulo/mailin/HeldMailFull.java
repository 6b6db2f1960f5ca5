package dev.modulo.mailin;

/**
 * The account's held mail is full: held messages keep their whole text, so anyone who learned the
 * address could otherwise fill the disk with spam. The sender is told to try later (452).
 */
final class HeldMailFull extends RuntimeException {

    HeldMailFull() {
        super("The held mail of this address is full", null, false, false);
    }
}
