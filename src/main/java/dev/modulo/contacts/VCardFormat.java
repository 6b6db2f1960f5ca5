package dev.modulo.contacts;

import ezvcard.VCardVersion;

/** The vCard versions Modulo writes. */
public enum VCardFormat {
    V3("3.0", VCardVersion.V3_0),
    V4("4.0", VCardVersion.V4_0);

    private final String label;
    private final VCardVersion version;

    VCardFormat(String label, VCardVersion version) {
        this.label = label;
        this.version = version;
    }

    /** "4.0" is 4.0; anything else is 3.0, which every address book reads. */
    public static VCardFormat of(String label) {
        return V4.label.equals(label) ? V4 : V3;
    }

    public String label() {
        return label;
    }

    VCardVersion version() {
        return version;
    }
}
