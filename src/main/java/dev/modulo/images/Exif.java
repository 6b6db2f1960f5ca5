package dev.modulo.images;

import java.time.Instant;

/**
 * What the camera wrote into a photo, as far as it did; any field may be null.
 *
 * @param exposure e.g. {@code 1/250 s · f/5.6 · ISO 200 · 35 mm}
 */
public record Exif(Instant takenAt, String camera, String lens, String exposure, Double latitude, Double longitude) {

    static final Exif NONE = new Exif(null, null, null, null, null, null);

    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }

    /** {@code 52.52000, 13.40500}, whatever the reader's locale. */
    public String coordinates() {
        return hasLocation() ? String.format(java.util.Locale.ROOT, "%.5f, %.5f", latitude, longitude) : "";
    }

    /** Where the picture was taken, on OpenStreetMap. */
    public String mapUrl() {
        return hasLocation() ? String.format(java.util.Locale.ROOT,
                "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=15/%.5f/%.5f",
                latitude, longitude, latitude, longitude) : "";
    }

    public boolean isEmpty() {
        return takenAt == null && camera == null && lens == null && exposure == null && !hasLocation();
    }
}
