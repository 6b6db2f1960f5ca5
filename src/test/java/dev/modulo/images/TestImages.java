package dev.modulo.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Pictures for tests, good and hostile, made on the spot. */
public final class TestImages {

    /** A 1 × 1 lossless WebP. */
    private static final String WEBP_1X1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    private TestImages() {
    }

    /** A picture whose left half is red and right half blue, so orientation can be checked. */
    public static BufferedImage picture(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.setColor(new Color(seed * 37 % 256, seed * 91 % 256, seed * 53 % 256));
        g.fillRect(0, 0, Math.max(1, width / 10), Math.max(1, height / 10));
        g.dispose();
        return image;
    }

    public static byte[] jpeg(int width, int height, int seed) {
        return write(picture(width, height, seed), "jpg");
    }

    public static byte[] png(int width, int height, int seed) {
        return write(picture(width, height, seed), "png");
    }

    public static byte[] gif(int width, int height, int seed) {
        return write(picture(width, height, seed), "gif");
    }

    public static byte[] webp() {
        return Base64.getDecoder().decode(WEBP_1X1);
    }

    /**
     * A landscape JPEG (400 × 200) its camera says to show turned a quarter clockwise (orientation 6),
     * taken on 2024-05-04 10:30:00 local time with a Fujifilm X100V at 52.5200 N, 13.4050 E.
     */
    public static byte[] rotatedJpegWithExif() {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            TiffOutputDirectory root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "FUJIFILM");
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "X100V");
            TiffOutputDirectory shot = exif.getOrCreateExifDirectory();
            shot.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2024:05:04 10:30:00");
            exif.setGpsInDegrees(13.4050, 52.5200);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg(400, 200, 7), out, exif);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("Could not write the test EXIF", e);
        }
    }

    /** A PNG header that claims 100,000 × 100,000 pixels: a decompression bomb, refused before decoding. */
    public static byte[] pngBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static byte[] truncated(byte[] image) {
        return Arrays.copyOf(image, image.length / 2);
    }

    public static byte[] htmlPretendingToBeJpeg() {
        return "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] svgWithScript() {
        return ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
                + "<script>alert(2)</script><rect width=\"10\" height=\"10\"/></svg>").getBytes(StandardCharsets.UTF_8);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
