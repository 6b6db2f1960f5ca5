package dev.modulo.accounts;

import java.util.Locale;

/** Bytes an account keeps, and the most its plan allows. */
public record StorageUsage(long usedBytes, long quotaBytes) {

    public long availableBytes() {
        return Math.max(0, quotaBytes - usedBytes);
    }

    /** Share of the quota in use, 0–100. */
    public int percentUsed() {
        return quotaBytes == 0 ? 100 : (int) Math.min(100, Math.round(usedBytes * 100.0 / quotaBytes));
    }

    public String usedText() {
        return format(usedBytes);
    }

    public String quotaText() {
        return format(quotaBytes);
    }

    /** {@code 1.5 MB}, {@code 2 GB}, in the 1024-based units plans are configured in. */
    public static String format(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String number = value >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }
}
