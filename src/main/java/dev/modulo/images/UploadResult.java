package dev.modulo.images;

/**
 * What became of one uploaded file: kept (perhaps as a duplicate of an image already there) or
 * refused with a sentence that says why.
 */
public record UploadResult(String fileName, Outcome outcome, Long imageId, String message) {

    public enum Outcome { STORED, DUPLICATE, REFUSED }

    static UploadResult stored(String fileName, long imageId) {
        return new UploadResult(fileName, Outcome.STORED, imageId, "Uploaded.");
    }

    static UploadResult duplicate(String fileName, long imageId) {
        return new UploadResult(fileName, Outcome.DUPLICATE, imageId, "You already have this image; it was not stored twice.");
    }

    static UploadResult refused(String fileName, String why) {
        return new UploadResult(fileName, Outcome.REFUSED, null, why);
    }

    /** The form was sent without a file. */
    public static UploadResult nothingChosen() {
        return new UploadResult("", Outcome.REFUSED, null, "Choose one or more pictures to upload.");
    }

    public boolean ok() {
        return outcome != Outcome.REFUSED;
    }
}
