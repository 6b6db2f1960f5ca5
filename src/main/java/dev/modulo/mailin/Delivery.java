package dev.modulo.mailin;

/** What became of one message for one account: posted, held for the owner, or a repeat of one already received. */
record Delivery(Outcome outcome, Long postId, String reason) {

    enum Outcome { POSTED, HELD, DUPLICATE }

    static Delivery posted(long postId) {
        return new Delivery(Outcome.POSTED, postId, null);
    }

    static Delivery held(String reason) {
        return new Delivery(Outcome.HELD, null, reason);
    }

    static Delivery duplicate(InboundMessage earlier) {
        return new Delivery(Outcome.DUPLICATE, earlier.postId(), earlier.reason());
    }
}
