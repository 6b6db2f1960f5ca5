package dev.modulo.images;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.awt.image.BufferedImage;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading what an upload is, what the camera said, and making its thumbnails; refusing the rest. */
class ImageInspectorTest {

    @TempDir
    Path dir;

    final ImageInspector inspector = new ImageInspector(new ImagesProperties(DataSize.ofMegabytes(25), 50_000_000, null,
            java.time.Duration.ofSeconds(30)));

    Path file(byte[] bytes) throws Exception {
        return Files.write(Files.createTempFile(dir, "upload", ""), bytes);
    }

    @Test
    void eachAcceptedKindIsRecognisedByItsBytesAndGetsThumbnails() throws Exception {
        assertThat(inspector.inspect(file(TestImages.jpeg(640, 480, 1)), ZoneId.of("UTC")).kind()).isEqualTo(ImageKind.JPEG);
        assertThat(inspector.inspect(file(TestImages.png(64, 48, 1)), ZoneId.of("UTC")).kind()).isEqualTo(ImageKind.PNG);
        assertThat(inspector.inspect(file(TestImages.gif(64, 48, 1)), ZoneId.of("UTC")).kind()).isEqualTo(ImageKind.GIF);
        ImageInspector.Inspection webp = inspector.inspect(file(TestImages.webp()), ZoneId.of("UTC"));
        assertThat(webp.kind()).isEqualTo(ImageKind.WEBP);
        assertThat(webp.width()).isEqualTo(1);

        ImageInspector.Inspection jpeg = inspector.inspect(file(TestImages.jpeg(2000, 1000, 1)), ZoneId.of("UTC"));
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(jpeg.thumbnails().get(320).bytes()));
        BufferedImage large = ImageIO.read(new ByteArrayInputStream(jpeg.thumbnails().get(1280).bytes()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(large.getWidth()).isEqualTo(1280);
        ImageInspector.Inspection small640 = inspector.inspect(file(TestImages.jpeg(640, 480, 2)), ZoneId.of("UTC"));
        assertThat(ImageIO.read(new ByteArrayInputStream(small640.thumbnails().get(1280).bytes())).getWidth())
                .as("never enlarged").isEqualTo(640);
    }

    @Test
    void theCamerasOrientationIsAppliedAndItsExifRead() throws Exception {
        ImageInspector.Inspection photo = inspector.inspect(file(TestImages.rotatedJpegWithExif()), ZoneId.of("Europe/Berlin"));

        assertThat(photo.width()).as("as people see it").isEqualTo(200);
        assertThat(photo.height()).isEqualTo(400);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(photo.thumbnails().get(320).bytes()));
        assertThat(thumbnail.getHeight()).as("turned upright").isGreaterThan(thumbnail.getWidth());
        // Turned a quarter clockwise, the red left half ends up on top.
        assertThat(new java.awt.Color(thumbnail.getRGB(thumbnail.getWidth() / 2, thumbnail.getHeight() / 4)).getRed()).isGreaterThan(200);

        Exif exif = photo.exif();
        assertThat(exif.takenAt()).isEqualTo(Instant.parse("2024-05-04T08:30:00Z"));
        assertThat(exif.camera()).isEqualTo("FUJIFILM X100V");
        assertThat(exif.latitude()).isCloseTo(52.52, org.assertj.core.data.Offset.offset(0.001));
        assertThat(exif.longitude()).isCloseTo(13.405, org.assertj.core.data.Offset.offset(0.001));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            decompression bomb        | megapixels
            truncated JPEG            | damaged or not a complete image
            truncated PNG             | damaged or not a complete image
            HTML renamed to .jpg      | Only JPEG, PNG, GIF and WebP
            SVG with a script         | Only JPEG, PNG, GIF and WebP
            zero bytes                | The file is empty.
            random bytes after a JPEG magic | damaged or not a complete image
            PNG chunk longer than the file  | damaged or not a complete image
            """)
    void hostileFilesAreRefusedWithAReason(String kind, String reason) throws Exception {
        byte[] bytes = switch (kind) {
            case "decompression bomb" -> TestImages.pngBomb();
            case "truncated JPEG" -> TestImages.truncated(TestImages.jpeg(800, 600, 3));
            case "truncated PNG" -> TestImages.truncated(TestImages.png(800, 600, 3));
            case "HTML renamed to .jpg" -> TestImages.htmlPretendingToBeJpeg();
            case "SVG with a script" -> TestImages.svgWithScript();
            case "zero bytes" -> new byte[0];
            case "PNG chunk longer than the file" -> TestImages.pngWithLyingChunkLength();
            default -> randomAfterJpegMagic();
        };
        Path upload = file(bytes);

        assertThatThrownBy(() -> inspector.inspect(upload, ZoneId.of("UTC")))
                .isInstanceOf(UnacceptableImage.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aPngWhoseTextInflatesToHundredsOfMegabytesIsKeptWithoutReadingThatText() throws Exception {
        // ~300 KB in the file each; whole, metadata-extractor and ImageIO would unpack 300 MB a chunk.
        Path upload = file(TestImages.pngWithInflatingMetadata(300));
        assertThat(Files.size(upload)).isLessThan(2_000_000);

        long before = allocatedByThisThread();
        ImageInspector.Inspection picture = inspector.inspect(upload, ZoneId.of("UTC"));
        long allocated = allocatedByThisThread() - before;

        assertThat(picture.width()).isEqualTo(64);
        assertThat(picture.thumbnails()).containsOnlyKeys(320, 1280);
        assertThat(allocated).as("bytes allocated reading the picture").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aFortyNineMegapixelPictureIsDecodedSubsampledNeverWhole() throws Exception {
        Path upload = file(TestImages.largePng(7_000, 7_000, 1));
        long whole = 7_000L * 7_000 * 3; // its pixels as ImageIO would decode them, before any copy

        ImageInspector.Examined examined = inspector.examine(upload, ZoneId.of("UTC"));
        long before = allocatedByThisThread();
        ImageInspector.Inspection picture = inspector.decode(examined);
        long allocated = allocatedByThisThread() - before;

        assertThat(examined.step()).isEqualTo(2);
        assertThat(examined.decodeBytes()).as("what the budget is asked for").isLessThan(whole)
                .isGreaterThan(3_500L * 3_500 * 4);
        assertThat(allocated).as("bytes allocated decoding it, thumbnails and all").isLessThan(whole)
                .isLessThanOrEqualTo(examined.decodeBytes());
        BufferedImage large = ImageIO.read(new ByteArrayInputStream(picture.thumbnails().get(1280).bytes()));
        assertThat(large.getWidth()).isEqualTo(1280);
        assertThat(large.getHeight()).isEqualTo(1280);
        assertThat(picture.width()).isEqualTo(7_000);
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }

    private static byte[] randomAfterJpegMagic() {
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[bytes.length - 2] = (byte) 0xFF;
        bytes[bytes.length - 1] = (byte) 0xD9;
        return bytes;
    }
}
