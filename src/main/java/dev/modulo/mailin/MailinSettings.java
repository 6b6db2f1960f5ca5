package dev.modulo.mailin;

import java.util.List;

/**
 * What the owner sees of blog-by-email: the posting address and the senders it accepts
 * (empty: anyone who knows the address).
 */
public record MailinSettings(String address, List<String> allowedSenders) {
}
