package dev.modulo.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Pictures for load: noisy (so they stay large as JPEG) and each one different (so none is deduplicated). */
final class Pictures {

    private Pictures() {
    }

    /** A JPEG of random noise, about {@code megapixels} MP at 4:3 and quality 0.95: some 1.6 MB per megapixel. */
    static byte[] noisyJpeg(int megapixels) {
        int width = (int) Math.sqrt(megapixels * 1_000_000 * 4 / 3.0);
        int height = width * 3 / 4;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(megapixels);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam quality = writer.getDefaultWriteParam();
            quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            quality.setCompressionQuality(0.95f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), quality);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The same JPEG with a comment segment naming {@code n} right after its start: other bytes, same picture. */
    static byte[] distinct(byte[] jpeg, long n) {
        byte[] comment = ("modulo-bench-" + n).getBytes(StandardCharsets.US_ASCII);
        int length = comment.length + 2;
        byte[] copy = new byte[jpeg.length + 2 + length];
        copy[0] = jpeg[0];
        copy[1] = jpeg[1];
        copy[2] = (byte) 0xFF;
        copy[3] = (byte) 0xFE;
        copy[4] = (byte) (length >> 8);
        copy[5] = (byte) length;
        System.arraycopy(comment, 0, copy, 6, comment.length);
        System.arraycopy(jpeg, 2, copy, 6 + comment.length, jpeg.length - 2);
        return copy;
    }
}
