package dev.modulo.mailin;

import java.util.List;

/** A held message as its owner reviews it: why it is held, and what it says. */
public record HeldMail(InboundMessage message, String text, List<String> attachments) {
}
