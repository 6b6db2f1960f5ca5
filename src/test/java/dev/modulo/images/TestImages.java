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
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

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

    /**
     * A small PNG (64 × 48) whose zTXt, compressed iTXt and iCCP chunks each inflate to
     * {@code megabytes} of zeros: about a thousandth of that in the file.
     */
    public static byte[] pngWithInflatingMetadata(int megabytes) {
        byte[] picture = png(64, 48, 5);
        byte[] zeros = deflatedZeros((long) megabytes * 1024 * 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(picture, 0, 33); // the signature and IHDR
        chunk(out, "iCCP", concat("Bomb profile\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros));
        chunk(out, "tEXt", "Title\0A picture with silly text".getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "zTXt", concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros));
        chunk(out, "iTXt", concat("Description\0\1\0en\0\0".getBytes(StandardCharsets.ISO_8859_1), zeros));
        out.write(picture, 33, picture.length - 33);
        return out.toByteArray();
    }

    /** A PNG whose text chunk claims two gigabytes in a file of a few hundred bytes. */
    public static byte[] pngWithLyingChunkLength() {
        byte[] picture = png(16, 16, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(picture, 0, 33);
        out.writeBytes(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE - 1).array());
        out.writeBytes("tEXt".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("Comment\0short".getBytes(StandardCharsets.ISO_8859_1));
        out.write(picture, 33, picture.length - 33);
        return out.toByteArray();
    }

    /**
     * A {@code width} × {@code height} RGB PNG written row by row, so the test never holds the
     * picture whole: black with one grey row chosen by {@code seed}. A 49-megapixel one is ~150 KB.
     */
    public static byte[] largePng(int width, int height, int seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(pixels, new Deflater(6), 64 * 1024)) {
            byte[] black = new byte[1 + 3 * width];
            byte[] grey = black.clone();
            Arrays.fill(grey, 1, grey.length, (byte) 0x80);
            int marked = Math.floorMod(seed * 7919, height);
            for (int row = 0; row < height; row++) {
                deflated.write(row == marked ? grey : black);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(out, "IDAT", pixels.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] deflatedZeros(long count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflated = new DeflaterOutputStream(out, new Deflater(9), 64 * 1024)) {
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written < count; written += zeros.length) {
                deflated.write(zeros, 0, (int) Math.min(zeros.length, count - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
