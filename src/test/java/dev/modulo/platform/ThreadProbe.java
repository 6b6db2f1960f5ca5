package dev.modulo.platform;

/** Called from SQL (an H2 alias): tells which thread ran the statement. */
public final class ThreadProbe {

    private ThreadProbe() {
    }

    public static String currentThreadName() {
        return Thread.currentThread().getName();
    }
}
