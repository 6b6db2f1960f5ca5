package dev.modulo.images;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats Modulo accepts, recognised by their first bytes — never by a file's name or
 * the Content-Type a browser claims.
 */
public enum ImageKind {

    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String mediaType;
    private final String extension;

    ImageKind(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The kind whose signature {@code head} (the first 12 or more bytes) starts with. */
    static Optional<ImageKind> sniff(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (head.length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (head.length >= 6 && startsWith(head, 0, "GIF87a") || startsWith(head, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (head.length >= 12 && startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * Whether a file of this kind ends as a complete file does: decoders quietly draw a truncated
     * image with a grey bottom, so truncation is checked on the file's structure instead.
     *
     * @param tail the last bytes of the file (up to a few kilobytes)
     * @param size the file's size, for formats that declare their length
     */
    boolean looksComplete(byte[] head, byte[] tail, long size) {
        return switch (this) {
            case JPEG -> contains(tail, new byte[] {(byte) 0xFF, (byte) 0xD9});
            case PNG -> contains(tail, new byte[] {'I', 'E', 'N', 'D'});
            case GIF -> contains(tail, new byte[] {0x3B});
            case WEBP -> head.length >= 8 && (readLittleEndian(head, 4) + 8) <= size;
        };
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static long readLittleEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16
                | (bytes[offset + 3] & 0xFFL) << 24;
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        if (bytes.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
