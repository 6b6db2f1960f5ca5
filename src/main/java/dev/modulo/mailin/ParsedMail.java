package dev.modulo.mailin;

import java.util.List;

/**
 * What a message says, decoded: sender, subject, the body as text (from text/plain, or from
 * HTML when there is no plain part), pictures, and the names of other attachments.
 *
 * @param messageId the Message-ID header as sent, or null
 * @param damage    null when the MIME structure was sound; otherwise why it is not (the rest is what could be read)
 */
record ParsedMail(String messageId, String from, String subject, String text, boolean fromHtml, List<Attachment> images,
        List<String> otherAttachments, String damage) {

    ParsedMail withDamage(String reason) {
        return new ParsedMail(messageId, from, subject, text, fromHtml, images, otherAttachments, reason);
    }

    /** A picture attached to the message. */
    record Attachment(String name, String mediaType, byte[] bytes) {
    }
}
