package dev.modulo.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A rendered page as {@link SharedPageCache} keeps it: the stamp it was made under, its answer's
 * headers (without those of one connection or one visitor) and Last-Modified, its bytes and,
 * when worth it, the same bytes gzipped once, each with its own strong ETag.
 */
record SharedPage(Object stamp, HttpStatusCode status, HttpHeaders headers, Instant lastModified, byte[] bytes,
        String etag, byte[] gzipped, String gzipEtag) {

    /** Larger pages are served but not kept: one would crowd out many. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /** Below this, gzip saves less than its header and the CPU it costs. */
    private static final int GZIP_FROM = 1024;

    /** Of one connection, or recomputed for each answer. */
    private static final Set<String> NOT_KEPT = Set.of("content-length", "date", "transfer-encoding", "connection",
            "keep-alive", "etag", "set-cookie");

    static SharedPage of(Object stamp, HttpStatusCode status, HttpHeaders answered, byte[] bytes) {
        HttpHeaders headers = new HttpHeaders();
        answered.forEach((name, values) -> {
            if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, new ArrayList<>(values));
            }
        });
        String etag = answered.getETag() != null ? answered.getETag() : etagOf(bytes);
        byte[] gzipped = null;
        String gzipEtag = null;
        if (bytes.length >= GZIP_FROM && compressible(answered.getContentType())) {
            gzipped = gzip(bytes);
            // Another representation, so another strong validator (as Apache httpd does).
            gzipEtag = etag.substring(0, etag.length() - 1) + "-gzip\"";
            if (!headers.getVary().contains(HttpHeaders.ACCEPT_ENCODING)) {
                headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            }
        }
        long lastModified = answered.getLastModified();
        return new SharedPage(stamp, status, HttpHeaders.readOnlyHttpHeaders(headers),
                lastModified < 0 ? null : Instant.ofEpochMilli(lastModified), bytes, etag, gzipped, gzipEtag);
    }

    /** Text gets smaller; pictures are compressed already. */
    private static boolean compressible(MediaType type) {
        return type != null && (type.getType().equals("text") || type.getSubtype().endsWith("xml")
                || type.getSubtype().endsWith("json") || type.getSubtype().equals("javascript"));
    }

    /** Memory the page holds, for the cache's bound. */
    int weight() {
        return bytes.length + (gzipped == null ? 0 : gzipped.length) + 1024;
    }

    /** {@code Cache-Control: public}: the answer says any cache may keep it for anyone. */
    static boolean isPublic(HttpHeaders headers) {
        String control = headers.getCacheControl();
        if (control == null) {
            return false;
        }
        boolean shared = false;
        for (String directive : control.toLowerCase(Locale.ROOT).split(",")) {
            String name = directive.strip();
            if (name.equals("private") || name.startsWith("no-store") || name.startsWith("private=")) {
                return false;
            }
            shared |= name.equals("public");
        }
        return shared;
    }

    /** Whether the request's {@code Accept-Encoding} takes gzip (and does not refuse it with q=0). */
    static boolean acceptsGzip(ServerHttpRequest request) {
        for (String header : request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT_ENCODING)) {
            for (String coding : header.split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].strip();
                if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                    return parts.length == 1 || !isZeroWeight(parts[1]);
                }
            }
        }
        return false;
    }

    private static boolean isZeroWeight(String parameter) {
        String value = parameter.strip().toLowerCase(Locale.ROOT);
        if (!value.startsWith("q=")) {
            return false;
        }
        try {
            return Double.parseDouble(value.substring(2)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A strong validator of these bytes. */
    static String etagOf(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
