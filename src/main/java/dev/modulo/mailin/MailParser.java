package dev.modulo.mailin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads a message with Apache mime4j's streaming parser, decoding transfer encodings and
 * charsets, within limits on parts, nesting depth and decoded size. Blocking CPU work: call it
 * through {@code platform.Blocking}.
 *
 * <p>A message is read strictly first. If its structure is damaged (a multipart cut short, a
 * broken header), it is read again leniently and the result says what was wrong, so the message
 * can be held for its owner instead of published. A message that breaks a limit, or cannot be
 * read even leniently, is a {@link MalformedMail}.
 */
final class MailParser {

    static final Set<String> PICTURE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/jpg", "image/pjpeg");
    /** Mailers also send pictures as application/octet-stream: their name says so (the image manager checks the bytes). */
    private static final java.util.regex.Pattern PICTURE_NAME = java.util.regex.Pattern.compile(
            ".*\\.(jpe?g|png|gif|webp)", java.util.regex.Pattern.CASE_INSENSITIVE);

    private final int maxParts;
    private final int maxDepth;
    private final long maxDecodedBytes;

    MailParser(int maxParts, int maxDepth, long maxDecodedBytes) {
        this.maxParts = maxParts;
        this.maxDepth = maxDepth;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    ParsedMail parse(byte[] raw) {
        try {
            return parse(raw, true);
        } catch (LimitBroken broken) {
            throw new MalformedMail(broken.getMessage());
        } catch (MimeException | IOException | RuntimeException strictFailure) {
            try {
                return parse(raw, false).withDamage("The message is damaged: " + describe(strictFailure));
            } catch (LimitBroken broken) {
                throw new MalformedMail(broken.getMessage());
            } catch (MimeException | IOException | RuntimeException failure) {
                throw new MalformedMail("The message cannot be read: " + describe(failure));
            }
        }
    }

    private ParsedMail parse(byte[] raw, boolean strict) throws MimeException, IOException {
        MimeConfig config = new MimeConfig.Builder()
                .setStrictParsing(strict)
                .setMaxLineLen(-1)
                .setMaxHeaderCount(1000)
                .setMaxHeaderLen(100_000)
                .build();
        MimeStreamParser parser = new MimeStreamParser(config, strict ? DecodeMonitor.STRICT : DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        // A forwarded message (message/rfc822) is one attachment, not parsed into.
        parser.setNoRecurse();
        Collector collector = new Collector();
        parser.setContentHandler(collector);
        parser.parse(new ByteArrayInputStream(raw));
        return collector.result();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip();
    }

    /** A configured limit was reached: the message is refused, not read leniently. */
    private static final class LimitBroken extends MimeException {

        LimitBroken(String message) {
            super(message);
        }
    }

    private final class Collector extends AbstractContentHandler {

        private int depth;
        private int parts;
        private int bodyPartDepth;
        private long decoded;
        private String messageId;
        private String from;
        private int fromAddresses;
        private final List<String> authenticationResults = new ArrayList<>();
        private String subject;
        private final List<String> plain = new ArrayList<>();
        private final List<String> html = new ArrayList<>();
        private final List<ParsedMail.Attachment> images = new ArrayList<>();
        private final List<String> others = new ArrayList<>();

        @Override
        public void startMultipart(BodyDescriptor descriptor) throws MimeException {
            if (++depth > maxDepth) {
                throw new LimitBroken("The message's parts are nested more than " + maxDepth + " deep.");
            }
        }

        @Override
        public void endMultipart() {
            depth--;
        }

        @Override
        public void startBodyPart() throws MimeException {
            bodyPartDepth++;
            if (++parts > maxParts) {
                throw new LimitBroken("The message has more than " + maxParts + " parts.");
            }
        }

        @Override
        public void endBodyPart() {
            bodyPartDepth--;
        }

        @Override
        public void field(Field field) {
            if (bodyPartDepth > 0) {
                return;
            }
            String value = MimeUtil.unfold(bodyOf(field)).strip();
            switch (field.getNameLowerCase()) {
                case "message-id" -> messageId = value.isEmpty() ? null : value;
                case "subject" -> subject = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT).strip();
                case "from" -> {
                    // Two From: headers (or one naming two people) are a known way to show one sender
                    // and have another checked: counted, so such mail is held.
                    List<String> addresses = addresses(value);
                    fromAddresses += Math.max(1, addresses.size());
                    if (from == null && !addresses.isEmpty()) {
                        from = addresses.get(0);
                    }
                }
                case "authentication-results" -> {
                    if (authenticationResults.size() < 50) {
                        authenticationResults.add(value);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream content) throws MimeException, IOException {
            MaximalBodyDescriptor body = (MaximalBodyDescriptor) descriptor;
            String type = body.getMimeType() == null ? "text/plain" : body.getMimeType().toLowerCase(Locale.ROOT);
            String fileName = fileName(body);
            boolean attached = "attachment".equalsIgnoreCase(body.getContentDispositionType()) || fileName != null;
            boolean namedPicture = fileName != null && type.equals("application/octet-stream")
                    && PICTURE_NAME.matcher(fileName).matches();
            if (PICTURE_TYPES.contains(type) || namedPicture) {
                images.add(new ParsedMail.Attachment(fileName != null ? fileName : "picture", type, read(content)));
            } else if (!attached && type.equals("text/plain")) {
                plain.add(text(read(content), body.getCharset()));
            } else if (!attached && type.equals("text/html")) {
                html.add(text(read(content), body.getCharset()));
            } else {
                read(content);
                others.add(fileName != null ? fileName : type);
            }
        }

        ParsedMail result() {
            boolean fromHtml = plain.isEmpty() && !html.isEmpty();
            String text = fromHtml
                    ? String.join("\n\n", html.stream().map(HtmlText::toMarkdown).toList())
                    : String.join("\n\n", plain);
            return new ParsedMail(messageId, from, subject == null ? "" : subject, text, fromHtml, List.copyOf(images),
                    List.copyOf(others), null, fromAddresses, List.copyOf(authenticationResults));
        }

        private byte[] read(InputStream content) throws IOException, LimitBroken {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = content.read(buffer)) != -1) {
                decoded += n;
                if (decoded > maxDecodedBytes) {
                    throw new LimitBroken("The message's content is larger than " + maxDecodedBytes + " bytes once decoded.");
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toByteArray();
        }

        private String fileName(MaximalBodyDescriptor body) {
            String name = body.getContentDispositionFilename();
            if (name == null || name.isBlank()) {
                name = body.getContentTypeParameters().get("name");
            }
            if (name == null || name.isBlank()) {
                return null;
            }
            name = DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT).replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
            return name.isEmpty() ? null : name.length() > 200 ? name.substring(0, 200) : name;
        }
    }

    /**
     * A header's value. Headers are ASCII with encoded words for anything else, but mailers that
     * speak SMTPUTF8 (RFC 6532) write UTF-8 as it is: such bytes are read as UTF-8.
     */
    static String bodyOf(Field field) {
        String body = field.getBody() == null ? "" : field.getBody();
        if (field.getRaw() == null || body.chars().allMatch(c -> c < 128)) {
            return body;
        }
        byte[] raw = field.getRaw().toByteArray();
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        try {
            String text = utf8.decode(java.nio.ByteBuffer.wrap(raw)).toString();
            int colon = text.indexOf(':');
            return colon < 0 ? body : text.substring(colon + 1);
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return body;
        }
    }

    /** Text in its declared charset; "us-ascii" (also the default) is read as UTF-8, its superset, as mailers often mean. */
    static String text(byte[] bytes, String charsetName) {
        Charset charset = StandardCharsets.UTF_8;
        if (charsetName != null && !charsetName.isBlank() && !charsetName.equalsIgnoreCase("us-ascii")) {
            try {
                charset = Charset.forName(charsetName.strip());
            } catch (IllegalArgumentException unknown) {
                charset = StandardCharsets.UTF_8;
            }
        }
        return new String(bytes, charset);
    }

    static String firstAddress(String header) {
        List<String> addresses = addresses(header);
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    /** The addresses a header names, lower-cased; none when it cannot be read. */
    static List<String> addresses(String header) {
        try {
            AddressList addresses = LenientAddressParser.DEFAULT.parseAddressList(header);
            MailboxList mailboxes = addresses.flatten();
            return mailboxes.stream().map(mailbox -> mailbox.getAddress().toLowerCase(Locale.ROOT)).toList();
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }
}
