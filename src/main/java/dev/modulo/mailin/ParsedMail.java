package dev.modulo.mailin;

import java.util.List;

/**
 * What a message says, decoded: sender, subject, the body as text (from text/plain, or from
 * HTML when there is no plain part), pictures, and the names of other attachments.
 *
 * @param messageId             the Message-ID header as sent, or null
 * @param from                  the first address of the From: header, lower-cased, or null
 * @param damage                null when the MIME structure was sound; otherwise why it is not (the rest is what could be read)
 * @param fromAddresses         how many addresses the From: header(s) name
 * @param authenticationResults the Authentication-Results headers' values, topmost (latest added) first
 */
record ParsedMail(String messageId, String from, String subject, String text, boolean fromHtml, List<Attachment> images,
        List<String> otherAttachments, String damage, int fromAddresses, List<String> authenticationResults) {

    ParsedMail(String messageId, String from, String subject, String text, boolean fromHtml, List<Attachment> images,
            List<String> otherAttachments, String damage) {
        this(messageId, from, subject, text, fromHtml, images, otherAttachments, damage, from == null ? 0 : 1, List.of());
    }

    ParsedMail withDamage(String reason) {
        return new ParsedMail(messageId, from, subject, text, fromHtml, images, otherAttachments, reason, fromAddresses,
                authenticationResults);
    }

    /** A picture attached to the message. */
    record Attachment(String name, String mediaType, byte[] bytes) {
    }
}
