package dev.modulo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the whole test run a fresh data directory (a real H2 file and blob folder) and removes
 * it afterwards, so tests never touch {@code ./data}; and lets the SMTP listener pick a free port. Registered in META-INF/services.
 */
public class TestDataDirectory implements LauncherSessionListener {

    private Path directory;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            directory = Files.createTempDirectory("modulo-test-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("modulo.data-dir", directory.toString());
        // Each test application context listens for mail on a free port: several contexts live at once.
        if (System.getProperty("modulo.mailin.port") == null) {
            System.setProperty("modulo.mailin.port", "0");
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftovers in the temp directory are harmless.
        }
    }
}
