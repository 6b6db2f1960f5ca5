package dev.modulo.mailin;

/** No held message with this id in the asking account (never says whether it exists elsewhere). */
public class HeldMessageNotFound extends RuntimeException {

    public HeldMessageNotFound() {
        super("No such held message", null, false, false);
    }
}
