package dev.modulo.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request the sender got wrong in a way no form field can show (an address with a page number
 * that is not one, a return address that leads off the site, a body over the limit): a 4xx whose
 * reason is written for people and shown on the error page (or in the JSON error for scripts).
 * Never logged as an error: it is not Modulo's fault.
 */
public class ClientFault extends ResponseStatusException {

    public ClientFault(HttpStatus status, String message) {
        super(status, message);
        if (!status.is4xxClientError()) {
            throw new IllegalArgumentException("A client fault is a 4xx, not " + status);
        }
    }

    public static ClientFault badRequest(String message) {
        return new ClientFault(HttpStatus.BAD_REQUEST, message);
    }

    /** Nothing at this address (a page past the last one); the 404 page says so. */
    public static ClientFault notFound() {
        return new ClientFault(HttpStatus.NOT_FOUND, "There is nothing at this address.");
    }

    /** The message for people. */
    public String message() {
        return getReason();
    }
}
