package dev.modulo.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
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
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.springframework.stereotype.Component;

/**
 * Looks inside a staged upload, as blocking work (call it on the image threads), in two steps.
 * {@link #examine} reads what it is by its magic bytes, its size from the header (refusing
 * decompression bombs before decoding), its EXIF (a PNG's text chunks that would inflate past
 * {@link PngChunks#MAX_METADATA_BYTES} are left unread), and how much memory decoding it will take.
 * {@link #decode} then decodes it once, subsampled to what the largest thumbnail needs, and makes
 * the thumbnails with the camera's orientation applied; {@link ImageService} runs it within the
 * {@link DecodeBudget}.
 */
@Component
class ImageInspector {

    /** Long edges of the thumbnails made for every image. */
    static final int[] THUMBNAIL_SIZES = {320, 1280};

    /** A picture is decoded at no less than twice the largest thumbnail, so scaling down stays smooth. */
    private static final int DECODED_EDGE = 2 * 1280;

    /**
     * Room beside the decoded picture for what thumbnailing allocates: Thumbnailator's halving
     * copies (a third of the picture together), the thumbnails themselves and their encoders.
     */
    private static final int COPIES = 2;

    record Inspection(ImageKind kind, int width, int height, Exif exif, Map<Integer, Thumbnail> thumbnails) {
    }

    record Thumbnail(String extension, String mediaType, byte[] bytes) {
    }

    /**
     * What is known before decoding: {@code step} is the subsampling (every step-th pixel of every
     * step-th row) and {@code decodeBytes} the memory decoding will take, to reserve first.
     */
    record Examined(Path file, ImageKind kind, int width, int height, Exif exif, int orientation, int step,
            long decodeBytes) {

        /** EXIF orientations 5 to 8 turn the picture a quarter. */
        boolean quarterTurned() {
            return orientation >= 5 && orientation <= 8;
        }
    }

    private record Header(int width, int height, int bytesPerPixel) {
    }

    private final ImagesProperties properties;

    ImageInspector(ImagesProperties properties) {
        this.properties = properties;
    }

    /** Both steps at once, without a budget (for tests and tools). */
    Inspection inspect(Path file, ZoneId zone) {
        return decode(examine(file, zone));
    }

    Examined examine(Path file, ZoneId zone) {
        ImageKind kind = kindOf(file);
        requireComplete(file, kind);
        PngChunks.Scan chunks = kind == ImageKind.PNG ? pngChunks(file) : null;
        Header header = header(file, kind);
        long pixels = (long) header.width() * header.height();
        if (pixels > properties.maxPixels()) {
            throw new UnacceptableImage("This image is %d × %d pixels; the most accepted is %d megapixels."
                    .formatted(header.width(), header.height(), properties.maxPixels() / 1_000_000));
        }
        Metadata metadata = metadata(file, chunks);
        int step = Math.max(1, Math.max(header.width(), header.height()) / DECODED_EDGE);
        return new Examined(file, kind, header.width(), header.height(), exif(metadata, zone), orientation(metadata),
                step, decodeBytes(kind, header, step));
    }

    Inspection decode(Examined examined) {
        BufferedImage picture = decodeSubsampled(examined);
        // A camera held upright writes a landscape picture and says "turn it": report what people see.
        boolean turned = examined.quarterTurned();
        return new Inspection(examined.kind(), turned ? examined.height() : examined.width(),
                turned ? examined.width() : examined.height(), examined.exif(),
                thumbnails(picture, examined.kind(), Math.max(examined.width(), examined.height()),
                        examined.orientation()));
    }

    /**
     * The decoded picture (subsampled, at no less than its bytes per pixel, and never below the
     * 4 of the ARGB copies Thumbnailator makes) times room for the copies, plus the two rows of the
     * full width a PNG decoder keeps. The WebP reader may decode at full size before subsampling,
     * so a WebP is counted whole.
     */
    private static long decodeBytes(ImageKind kind, Header header, int step) {
        int counted = kind == ImageKind.WEBP ? 1 : step;
        long decodedPixels = ceilDiv(header.width(), counted) * ceilDiv(header.height(), counted);
        long perPixel = Math.max(4, header.bytesPerPixel());
        return decodedPixels * perPixel * COPIES + 2L * header.width() * header.bytesPerPixel();
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
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

    private static PngChunks.Scan pngChunks(Path file) {
        try {
            return PngChunks.scan(file);
        } catch (IOException e) {
            throw damaged();
        }
    }

    /** Width, height and the file's bytes per pixel, from the header alone: nothing is decoded yet. */
    private static Header header(Path file, ImageKind kind) {
        return withReader(file, kind, reader -> {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            SampleModel pixel = raw == null ? null : raw.getSampleModel(1, 1);
            int bytesPerPixel = pixel == null ? 4
                    : Math.max(1, pixel.getNumDataElements() * DataBuffer.getDataTypeSize(pixel.getDataType()) / 8);
            return new Header(reader.getWidth(0), reader.getHeight(0), bytesPerPixel);
        });
    }

    private static BufferedImage decodeSubsampled(Examined examined) {
        return withReader(examined.file(), examined.kind(), reader -> {
            ImageReadParam param = reader.getDefaultReadParam();
            if (examined.step() > 1) {
                param.setSourceSubsampling(examined.step(), examined.step(), 0, 0);
            }
            return reader.read(0, param);
        });
    }

    /** What an ImageIO reader of {@code file} tells; a file no reader can read is damaged. */
    private static <T> T withReader(Path file, ImageKind kind, ReaderUse<T> use) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(kind.mediaType());
            if (in == null || !readers.hasNext()) {
                throw damaged();
            }
            ImageReader reader = readers.next();
            try {
                // Ignoring metadata: ImageIO would otherwise inflate a PNG's text chunks whole.
                reader.setInput(in, true, true);
                return use.apply(reader);
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

    @FunctionalInterface
    private interface ReaderUse<T> {

        T apply(ImageReader reader) throws IOException;
    }

    /**
     * The thumbnails, largest first from the decoded picture, each smaller one from the one before
     * (so the picture is scaled, and turned upright, once).
     */
    private static Map<Integer, Thumbnail> thumbnails(BufferedImage picture, ImageKind kind, int longEdge,
            int orientation) {
        boolean lossless = kind == ImageKind.PNG || kind == ImageKind.GIF;
        String format = lossless ? "png" : "jpg";
        String mediaType = lossless ? "image/png" : "image/jpeg";
        ImageFilter upright = orientation > 1 && orientation <= 8
                ? ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation)) : null;
        int[] largestFirst = java.util.Arrays.stream(THUMBNAIL_SIZES).boxed()
                .sorted(java.util.Comparator.reverseOrder()).mapToInt(Integer::intValue).toArray();
        Map<Integer, Thumbnail> thumbnails = new java.util.TreeMap<>();
        try {
            BufferedImage source = picture;
            int sourceEdge = longEdge;
            for (int size : largestFirst) {
                // Never larger than the original: a small picture keeps its size (turned upright).
                var builder = sourceEdge <= size ? Thumbnails.of(source).scale(1.0) : Thumbnails.of(source).size(size, size);
                if (upright != null && source == picture) {
                    builder.addFilter(upright);
                }
                BufferedImage thumbnail = builder.asBufferedImage();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Thumbnails.of(thumbnail).scale(1.0).outputFormat(format).outputQuality(0.85).toOutputStream(out);
                thumbnails.put(size, new Thumbnail(format, mediaType, out.toByteArray()));
                source = thumbnail;
                sourceEdge = Math.min(sourceEdge, size);
            }
        } catch (IOException | RuntimeException e) {
            throw damaged();
        }
        return new LinkedHashMap<>(thumbnails);
    }

    /** The file's metadata, read without a PNG's oversized chunks; none if it cannot be read. */
    private static Metadata metadata(Path file, PngChunks.Scan chunks) {
        try {
            if (chunks == null || chunks.clean()) {
                return ImageMetadataReader.readMetadata(file.toFile());
            }
            try (InputStream in = PngChunks.without(file, chunks)) {
                return ImageMetadataReader.readMetadata(in);
            }
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return null; // No readable metadata is no reason to refuse a picture.
        }
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory camera = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer orientation = camera == null ? null : camera.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        return orientation == null ? 1 : orientation;
    }

    private static Exif exif(Metadata metadata, ZoneId zone) {
        if (metadata == null) {
            return Exif.NONE;
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
