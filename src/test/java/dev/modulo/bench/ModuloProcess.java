package dev.modulo.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.modulo.ModuloApplication;

/**
 * Modulo in a JVM of its own, as a deployment runs it, so that a benchmark measures the server
 * alone (its heap, its RSS) and can kill it with SIGKILL and start it again on the same data.
 * Its log goes to {@code modulo.log} in the data directory.
 */
final class ModuloProcess implements AutoCloseable {

    /**
     * The JVM options the Dockerfile runs Modulo with (less the container's RAM share): background
     * threads (decoding) get a higher nice value, and the heap starts small and gives back what an
     * idle server does not use.
     */
    static final List<String> DEPLOYED_OPTIONS = List.of("-XX:ThreadPriorityPolicy=1", "-Xms32m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:G1PeriodicGCInterval=5000");

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Path dataDir;
    private final int httpPort;
    private final int smtpPort;
    private final List<String> extraArgs;
    private Process process;

    private ModuloProcess(Path dataDir, int httpPort, int smtpPort, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.smtpPort = smtpPort;
        this.extraArgs = extraArgs;
    }

    /** Starts Modulo on free loopback ports with a fresh data directory; {@code args} are extra --key=value settings. */
    static ModuloProcess start(String... args) throws IOException, InterruptedException {
        ModuloProcess modulo = new ModuloProcess(Files.createTempDirectory("modulo-bench-"), freePort(), freePort(),
                List.of(args));
        modulo.startAgain();
        return modulo;
    }

    /** Starts it (again, after {@link #kill()} or {@link #stop()}) on the same ports and data; waits until healthy. */
    void startAgain() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DEPLOYED_OPTIONS);
        String jvmArgs = System.getProperty("bench.jvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(classPath());
        command.add(ModuloApplication.class.getName());
        command.add("--server.port=" + httpPort);
        command.add("--modulo.data-dir=" + dataDir);
        command.add("--modulo.mailin.port=" + smtpPort);
        command.add("--modulo.mailin.bind-address=127.0.0.1");
        command.add("--modulo.base-url=" + baseUrl());
        command.add("--logging.level.root=warn");
        command.addAll(extraArgs);
        File log = dataDir.resolve("modulo.log").toFile();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        awaitHealthy(Duration.ofMinutes(2));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int smtpPort() {
        return smtpPort;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as a power cut or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful shutdown a deployment does. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Resident memory of the server process, in MB (Linux /proc). */
    double rssMegabytes() throws IOException {
        return rssMegabytes(pid());
    }

    /** Resident memory of a process, in MB (Linux /proc). */
    static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** CPU time the server process has used so far (user and system), in seconds (Linux /proc). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime), counted after the command name, in clock ticks of 1/100 s.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Heap in use right after a full collection, in MB (jcmd GC.run, then GC.heap_info). */
    double heapAfterGcMegabytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
    }

    /** Lines of the server's log that contain {@code text}. */
    List<String> logLines(String text) throws IOException {
        try (var lines = Files.lines(dataDir.resolve("modulo.log"))) {
            return lines.filter(line -> line.contains(text)).collect(Collectors.toList());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private void awaitHealthy(Duration patience) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Modulo exited with " + process.exitValue() + "; see "
                        + dataDir.resolve("modulo.log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Modulo did not become healthy within " + patience);
    }

    /** The project's class path: exec:java runs us in a class loader of its own, not on java.class.path. */
    private static String classPath() {
        if (ModuloProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(URI.create(url.toString())).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
