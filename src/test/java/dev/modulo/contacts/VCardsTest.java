package dev.modulo.contacts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading cards the way real files break, photos that unpack big, and merging single values. */
class VCardsTest {

    static byte[] file(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCardWithoutItsEndIsReportedNotSilentlySwallowingTheNextOnes() {
        byte[] broken = file("BEGIN:VCARD", "VERSION:3.0", "FN:Ada Lovelace",
                "BEGIN:VCARD", "VERSION:3.0", "FN:Grace Hopper", "END:VCARD",
                "BEGIN:VCARD", "VERSION:3.0", "FN:Alan Turing", "END:VCARD");
        assertThatThrownBy(() -> VCards.read(broken, 100, 1_000_000))
                .isInstanceOf(VCards.UnreadableFile.class)
                .hasMessageContaining("of the 3 cards").hasMessageContaining("END:VCARD");
    }

    @Test
    void anImpossibleYearlessBirthdayIsLeftOutAndTheCardKept() {
        List<VCards.ReadCard> cards = VCards.read(file("BEGIN:VCARD", "VERSION:4.0", "FN:Leap Person",
                "BDAY:--0230", "END:VCARD"), 100, 1_000_000);
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.draft().birthday()).isNullOrEmpty();
            assertThat(card.notes()).anySatisfy(note -> assertThat(note).contains("--02-30", "left out"));
        });
    }

    @Test
    void aPictureThatUnpacksHugeBecomesASmallThumbnail() throws IOException {
        BufferedImage large = new BufferedImage(4800, 4800, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(large, "png", png);
        assertThat(png.size()).as("a small file").isLessThan(200_000);

        byte[] thumbnail = VCards.thumbnail(png.toByteArray());
        BufferedImage read = ImageIO.read(new java.io.ByteArrayInputStream(thumbnail));
        assertThat(Math.max(read.getWidth(), read.getHeight())).isLessThanOrEqualTo(VCards.PHOTO_SIDE);

    }

    static ContactDraft person(String name, String organisation, boolean favourite) {
        return new ContactDraft(name, "", "", "", "", "", "", organisation, "", null, null, "", "", favourite,
                List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aMergeKeepsTheOtherSingleValuesInTheNotesAndAnyFavourite() {
        ContactDraft merged = Merging.merge(List.of(person("Cora Crlf", "Acme", false),
                person("Cora C.", "Other Org", true), person("cora crlf", "acme", false)), "DE");
        assertThat(merged.displayName()).isEqualTo("Cora Crlf");
        assertThat(merged.organization()).isEqualTo("Acme");
        assertThat(merged.notes()).isEqualTo("From the merged contacts: also known as Cora C.; organisation Other Org.");
        assertThat(merged.favourite()).isTrue();
    }

    @Test
    void lineBreaksFromFormsAndFromCardsAreTheSame() {
        assertThat(ContactRules.clean("line one\r\nline two\rthree\u0000")).isEqualTo("line one\nline two\nthree");
    }
}
