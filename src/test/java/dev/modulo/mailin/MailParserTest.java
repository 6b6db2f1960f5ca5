package dev.modulo.mailin;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MIME parser's limits and its reading of awkward but real messages. No server needed. */
class MailParserTest {

    final MailParser parser = new MailParser(20, 5, 100_000);

    static byte[] bytes(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String multipart(int parts) {
        StringBuilder text = new StringBuilder("Subject: Many\nContent-Type: multipart/mixed; boundary=\"b\"\n\n");
        for (int i = 0; i < parts; i++) {
            text.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        return text.append("--b--\n").toString();
    }

    @Test
    void limitsOnPartsAndDecodedSizeRefuseTheMessage() {
        assertThat(parser.parse(bytes(multipart(20))).text()).contains("part 0", "part 19");
        assertThatThrownBy(() -> parser.parse(bytes(multipart(21)))).isInstanceOf(MalformedMail.class)
                .hasMessageContaining("more than 20 parts");
        String big = "Subject: Big\n\n" + "x".repeat(100_001) + "\n";
        assertThatThrownBy(() -> parser.parse(bytes(big))).isInstanceOf(MalformedMail.class)
                .hasMessageContaining("larger than 100000 bytes");
    }

    @Test
    void fileNamesInAnyEncodingAndForwardedMessagesAreAttachments() {
        ParsedMail mail = parser.parse(bytes("""
                Subject: Files
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                See attached.
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf

                pdf
                --b
                Content-Type: application/octet-stream; name="=?UTF-8?Q?caf=C3=A9.bin?="

                bin
                --b
                Content-Type: message/rfc822

                Subject: Forwarded
                From: bob@example.org

                Forwarded text.
                --b--
                """));

        assertThat(mail.subject()).isEqualTo("Files");
        assertThat(mail.text()).isEqualTo("See attached.");
        assertThat(mail.otherAttachments()).containsExactly("résumé.pdf", "café.bin", "message/rfc822");
        assertThat(mail.damage()).isNull();
    }

    @Test
    void textWithoutAnyHeadersIsReadAndMarkedDamaged() {
        ParsedMail mail = parser.parse(bytes("just some words\nwithout a header\n"));
        assertThat(mail.damage()).startsWith("The message is damaged");
        assertThat(mail.subject()).isEmpty();
    }

    @Test
    void picturesSentAsOctetStreamAreKnownByTheirNameAndOldJpegTypesToo() {
        ParsedMail mail = parser.parse(bytes("""
                Subject: Holiday
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                Look!
                --b
                Content-Type: application/octet-stream; name="IMG_1.JPG"
                Content-Disposition: attachment; filename="IMG_1.JPG"

                not really a jpeg, the image manager decides
                --b
                Content-Type: image/pjpeg; name="old.jpg"

                bytes
                --b
                Content-Type: application/octet-stream; name="notes.bin"

                data
                --b--
                """));
        assertThat(mail.images()).extracting(ParsedMail.Attachment::name).containsExactly("IMG_1.JPG", "old.jpg");
        assertThat(mail.otherAttachments()).containsExactly("notes.bin");
    }
}
