package dev.modulo.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import net.coobird.thumbnailator.Thumbnails;
import org.springframework.stereotype.Component;

/**
 * Looks inside a staged upload, as blocking work (call it on the blocking scheduler): what it is
 * by its magic bytes, its size from the header (refusing decompression bombs before decoding),
 * its EXIF, and its thumbnails with the camera's orientation applied.
 */
@Component
class ImageInspector {

    /** Long edges of the thumbnails made for every image. */
    static final int[] THUMBNAIL_SIZES = {320, 1280};

    record Inspection(ImageKind kind, int width, int height, Exif exif, Map<Integer, Thumbnail> thumbnails) {
    }

    record Thumbnail(String extension, String mediaType, byte[] bytes) {
    }

    private final ImagesProperties properties;

    ImageInspector(ImagesProperties properties) {
        this.properties = properties;
    }

    Inspection inspect(Path file, ZoneId zone) {
        ImageKind kind = kindOf(file);
        requireComplete(file, kind);
        int[] size = dimensions(file, kind);
        long pixels = (long) size[0] * size[1];
        if (pixels > properties.maxPixels()) {
            throw new UnacceptableImage("This image is %d × %d pixels; the most accepted is %d megapixels."
                    .formatted(size[0], size[1], properties.maxPixels() / 1_000_000));
        }
        Exif exif = exif(file, zone);
        // A camera held upright writes a landscape picture and says "turn it": report what people see.
        boolean turned = quarterTurned(file);
        return new Inspection(kind, turned ? size[1] : size[0], turned ? size[0] : size[1], exif,
                thumbnails(file, kind, Math.max(size[0], size[1])));
    }

    private static ImageKind kindOf(Path file) {
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UnacceptableImage("The file could not be read.");
        }
        if (read == 0) {
            throw new UnacceptableImage("The file is empty.");
        }
        return ImageKind.sniff(java.util.Arrays.copyOf(head, read))
                .orElseThrow(() -> new UnacceptableImage("Only JPEG, PNG, GIF and WebP images are accepted."));
    }

    private static void requireComplete(Path file, ImageKind kind) {
        try (var channel = Files.newByteChannel(file)) {
            long size = channel.size();
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate((int) Math.min(16, size));
            channel.read(head);
            int tailLength = (int) Math.min(4096, size);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(tailLength);
            channel.position(size - tailLength);
            while (tail.hasRemaining() && channel.read(tail) > 0) {
                // read the whole tail
            }
            if (!kind.looksComplete(head.array(), tail.array(), size)) {
                throw damaged();
            }
        } catch (IOException e) {
            throw damaged();
        }
    }

    /** Width and height from the header alone: nothing is decoded yet. */
    private static int[] dimensions(Path file, ImageKind kind) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(kind.mediaType());
            if (in == null || !readers.hasNext()) {
                throw damaged();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnacceptableImage unacceptable) {
                throw unacceptable;
            }
            throw damaged();
        }
    }

    /** EXIF orientations 5 to 8 turn the picture a quarter. */
    private static boolean quarterTurned(Path file) {
        try {
            ExifIFD0Directory camera = ImageMetadataReader.readMetadata(file.toFile())
                    .getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer orientation = camera == null ? null : camera.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation != null && orientation >= 5 && orientation <= 8;
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static Map<Integer, Thumbnail> thumbnails(Path file, ImageKind kind, int longEdge) {
        boolean lossless = kind == ImageKind.PNG || kind == ImageKind.GIF;
        String format = lossless ? "png" : "jpg";
        Map<Integer, Thumbnail> thumbnails = new LinkedHashMap<>();
        try {
            for (int size : THUMBNAIL_SIZES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                // Never larger than the original: a small picture keeps its size (turned upright).
                var builder = longEdge <= size ? Thumbnails.of(file.toFile()).scale(1.0)
                        : Thumbnails.of(file.toFile()).size(size, size);
                builder
                        .useExifOrientation(true)
                        .outputFormat(format)
                        .outputQuality(0.85)
                        .toOutputStream(out);
                thumbnails.put(size, new Thumbnail(format, lossless ? "image/png" : "image/jpeg", out.toByteArray()));
            }
        } catch (IOException | RuntimeException e) {
            throw damaged();
        }
        return thumbnails;
    }

    private static Exif exif(Path file, ZoneId zone) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return Exif.NONE; // No readable metadata is no reason to refuse a picture.
        }
        ExifIFD0Directory camera = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory shot = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);

        Instant takenAt = null;
        String lens = null;
        String exposure = null;
        if (shot != null) {
            Date date = shot.getDateOriginal(TimeZone.getTimeZone(zone));
            takenAt = date == null ? null : date.toInstant();
            lens = text(shot.getDescription(ExifSubIFDDirectory.TAG_LENS_MODEL));
            List<String> parts = new ArrayList<>();
            addIfPresent(parts, shot.getDescription(ExifSubIFDDirectory.TAG_EXPOSURE_TIME));
            addIfPresent(parts, shot.getDescription(ExifSubIFDDirectory.TAG_FNUMBER));
            String iso = shot.getDescription(ExifSubIFDDirectory.TAG_ISO_EQUIVALENT);
            addIfPresent(parts, iso == null ? null : "ISO " + iso);
            addIfPresent(parts, shot.getDescription(ExifSubIFDDirectory.TAG_FOCAL_LENGTH));
            exposure = parts.isEmpty() ? null : String.join(" · ", parts);
        }
        String cameraName = null;
        if (camera != null) {
            String make = text(camera.getString(ExifIFD0Directory.TAG_MAKE));
            String model = text(camera.getString(ExifIFD0Directory.TAG_MODEL));
            cameraName = model == null ? make
                    : make == null || model.toLowerCase().startsWith(make.toLowerCase()) ? model : make + " " + model;
        }
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        boolean located = location != null && !location.isZero();
        return new Exif(takenAt, text(cameraName), text(lens), text(exposure), located ? location.getLatitude() : null,
                located ? location.getLongitude() : null);
    }

    private static void addIfPresent(List<String> parts, String value) {
        String clean = text(value);
        if (clean != null) {
            parts.add(clean);
        }
    }

    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String clean = value.strip();
        return clean.isEmpty() ? null : clean.length() > 200 ? clean.substring(0, 200) : clean;
    }

    private static UnacceptableImage damaged() {
        return new UnacceptableImage("This file is damaged or not a complete image.");
    }
}
