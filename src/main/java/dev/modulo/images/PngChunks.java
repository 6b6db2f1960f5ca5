package dev.modulo.images;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG's chunks, walked by their headers before any library reads the file: its text and colour
 * profile chunks may be compressed, and metadata-extractor (and ImageIO, when it reads metadata)
 * inflate them whole, so 300 KB of zTXt can unpack into 300 MB. Each such chunk is measured here by
 * inflating it into a small buffer that is thrown away, stopping at the cap; chunks past the cap
 * are left out of what the metadata reader sees. A chunk whose length runs past the end of the
 * file is damage (readers would allocate the length it claims).
 */
final class PngChunks {

    /** Inflated text and profile bytes one picture may carry; past this they are ignored. */
    static final long MAX_METADATA_BYTES = 1024 * 1024;

    private static final Set<String> METADATA = Set.of("tEXt", "zTXt", "iTXt", "iCCP");
    private static final int SIGNATURE_LENGTH = 8;

    /** Where a chunk sits in the file (header and CRC included) and what it is. */
    record Chunk(String type, long offset, long length) {
    }

    /** The chunks to leave out, in file order; none for an ordinary picture. */
    record Scan(List<Chunk> oversized) {

        boolean clean() {
            return oversized.isEmpty();
        }
    }

    private PngChunks() {
    }

    /** Walks the chunks up to IEND; throws {@link UnacceptableImage} for a chunk that claims more than the file holds. */
    static Scan scan(Path file) throws IOException {
        List<Chunk> oversized = new ArrayList<>();
        long metadataBytes = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long offset = SIGNATURE_LENGTH;
            ByteBuffer header = ByteBuffer.allocate(8);
            while (offset + 12 <= size) {
                header.clear();
                readFully(channel, header, offset);
                long length = Integer.toUnsignedLong(header.getInt(0));
                String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
                long total = 12 + length;
                if (offset + total > size) {
                    throw new UnacceptableImage("This file is damaged or not a complete image.");
                }
                if (METADATA.contains(type)) {
                    long allowed = MAX_METADATA_BYTES - metadataBytes;
                    long unpacked = unpackedSize(channel, type, offset + 8, length, allowed);
                    if (unpacked > allowed) {
                        oversized.add(new Chunk(type, offset, total));
                    } else {
                        metadataBytes += unpacked;
                    }
                }
                if (type.equals("IEND")) {
                    break;
                }
                offset += total;
            }
        }
        return new Scan(List.copyOf(oversized));
    }

    /** The file as a stream without the chunks {@code scan} found oversized. */
    static InputStream without(Path file, Scan scan) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new SkippingStream(Channels.newInputStream(channel), scan.oversized());
    }

    /**
     * How many bytes the chunk's text or profile takes once inflated, counting no further than
     * {@code allowed + 1}: the output is inflated into a small buffer and dropped.
     */
    private static long unpackedSize(FileChannel channel, String type, long dataOffset, long length, long allowed)
            throws IOException {
        if (type.equals("tEXt")) {
            return length;
        }
        ByteBuffer data = ByteBuffer.allocate((int) Math.min(length, allowed + 4096));
        readFully(channel, data, dataOffset);
        byte[] bytes = data.array();
        int limit = data.limit();
        int keywordEnd = indexOf(bytes, 0, limit);
        boolean compressed = switch (type) {
            case "zTXt", "iCCP" -> true;
            case "iTXt" -> keywordEnd >= 0 && keywordEnd + 1 < limit && bytes[keywordEnd + 1] == 1;
            default -> false;
        };
        if (!compressed || keywordEnd < 0) {
            return length;
        }
        int start = switch (type) {
            case "iTXt" -> {
                // keyword, 0, flag, method, language, 0, translated keyword, 0, text
                int languageEnd = indexOf(bytes, keywordEnd + 3, limit);
                int translatedEnd = languageEnd < 0 ? -1 : indexOf(bytes, languageEnd + 1, limit);
                yield translatedEnd < 0 ? limit : translatedEnd + 1;
            }
            default -> keywordEnd + 2; // keyword, 0, method, compressed data
        };
        // Compressed data that does not fit in what was read (more than the cap) is oversized anyway.
        if (length > limit) {
            return Long.MAX_VALUE;
        }
        return inflatedSize(bytes, start, limit - start, allowed);
    }

    private static long inflatedSize(byte[] bytes, int start, int length, long allowed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, start, Math.max(0, length));
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            while (!inflater.finished() && total <= allowed) {
                int produced = inflater.inflate(sink);
                if (produced == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += produced;
            }
            return total;
        } catch (DataFormatException unreadable) {
            return 0; // Readers report broken compressed text and go on; nothing large comes of it.
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] bytes, int from, int limit) {
        for (int i = Math.max(0, from); i < limit; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new UnacceptableImage("This file is damaged or not a complete image.");
            }
            at += read;
        }
        buffer.flip();
    }

    /** Passes the file through, jumping over the given chunks. */
    private static final class SkippingStream extends FilterInputStream {

        private final List<Chunk> skipped;
        private long position;
        private int next;

        SkippingStream(InputStream in, List<Chunk> skipped) {
            super(in);
            this.skipped = skipped;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            skipWhereDue();
            int allowed = length;
            if (next < skipped.size()) {
                allowed = (int) Math.min(length, skipped.get(next).offset() - position);
            }
            int read = super.read(buffer, offset, allowed);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(count, 1))];
            long done = 0;
            while (done < count) {
                int read = read(scratch, 0, (int) Math.min(scratch.length, count - done));
                if (read < 0) {
                    break;
                }
                done += read;
            }
            return done;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void skipWhereDue() throws IOException {
            while (next < skipped.size() && skipped.get(next).offset() == position) {
                long remaining = skipped.get(next).length();
                while (remaining > 0) {
                    long jumped = in.skip(remaining);
                    if (jumped <= 0) {
                        return;
                    }
                    remaining -= jumped;
                    position += jumped;
                }
                next++;
            }
        }
    }
}
