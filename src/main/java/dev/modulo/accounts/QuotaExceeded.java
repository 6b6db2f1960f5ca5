package dev.modulo.accounts;

/** A reservation that would take an account past its plan's storage quota. Nothing was reserved. */
public class QuotaExceeded extends RuntimeException {

    private final long requestedBytes;
    private final StorageUsage usage;

    QuotaExceeded(long requestedBytes, StorageUsage usage) {
        super("This needs " + StorageUsage.format(requestedBytes) + " but only "
                + StorageUsage.format(usage.availableBytes()) + " of your "
                + StorageUsage.format(usage.quotaBytes()) + " are free. Delete something or change your plan.");
        this.requestedBytes = requestedBytes;
        this.usage = usage;
    }

    public long requestedBytes() {
        return requestedBytes;
    }

    public StorageUsage usage() {
        return usage;
    }
}
