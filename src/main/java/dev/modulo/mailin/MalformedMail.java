package dev.modulo.mailin;

/** A message that cannot be read at all, or breaks a limit (parts, nesting, size): refused with 554. */
class MalformedMail extends RuntimeException {

    MalformedMail(String message) {
        super(message, null, false, false);
    }
}
