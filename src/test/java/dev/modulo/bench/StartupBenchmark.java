package dev.modulo.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start to first page, and memory when idle, of Modulo as the Docker image runs it: the packaged
 * jar unpacked, with the JVM's start-up cache made by one training start (Java 25's AOT cache, or
 * on older JVMs a class data sharing archive), the Dockerfile's JVM options, the embedded H2 in a
 * fresh data directory (all migrations to run), then again on the same data. Each start is timed
 * from launching the JVM to the first 200 of {@code /}; the RSS is read after 10 s of idleness.
 * The same first starts without the cache run beside them.
 *
 * <pre>./mvnw -DskipTests package &amp;&amp; ./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=Startup</pre>
 *
 * Settings (system properties): {@code bench.java} (the {@code java} to run; the one running this
 * by default), {@code bench.starts} (3 of each kind).
 */
public final class StartupBenchmark {

    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");

    private StartupBenchmark() {
    }

    record Start(double firstPageSeconds, double idleRssMegabytes) {
    }

    public static void main(String[] args) throws Exception {
        String java = System.getProperty("bench.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int starts = Integer.getInteger("bench.starts", 3);
        Path jar;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            jar = built.filter(file -> file.getFileName().toString().matches("modulo-.*\\.jar")
                    && !file.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/modulo-*.jar: run ./mvnw -DskipTests package first"));
        }
        int feature = featureVersion(java);
        Path unpacked = Files.createTempDirectory("modulo-startup-");
        run(List.of(java, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
                unpacked.resolve("app").toString()), Duration.ofMinutes(2));
        Path app;
        try (Stream<Path> files = Files.list(unpacked.resolve("app"))) {
            app = files.filter(file -> file.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Path cache = unpacked.resolve(feature >= 25 ? "modulo.aot" : "modulo.jsa");
        String makeCache = feature >= 25 ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache;
        String useCache = feature >= 25 ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache;
        long trainingStart = System.nanoTime();
        List<String> training = new ArrayList<>(List.of(java, makeCache, "-Dspring.context.exit=onRefresh", "-jar",
                app.toString(), "--server.port=0", "--modulo.mailin.port=0",
                "--modulo.data-dir=" + Files.createTempDirectory("modulo-training-")));
        run(training, Duration.ofMinutes(5));
        double trainingSeconds = (System.nanoTime() - trainingStart) / 1e9;

        List<Start> cached = new ArrayList<>();
        List<Start> restarted = new ArrayList<>();
        List<Start> plain = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            Path dataDir = Files.createTempDirectory("modulo-start-");
            cached.add(start(java, app, List.of(useCache), dataDir));
            restarted.add(start(java, app, List.of(useCache), dataDir));
            plain.add(start(java, app, List.of(), Files.createTempDirectory("modulo-start-")));
        }

        System.out.println();
        System.out.println("Modulo start-up benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + feature + ", the packaged jar unpacked)");
        System.out.printf("  training start that makes the %s: %.1f s%n",
                feature >= 25 ? "AOT cache" : "class data sharing archive", trainingSeconds);
        System.out.println("  with it:                         " + summary(cached));
        System.out.println("  with it, again on the same data: " + summary(restarted));
        System.out.println("  without it:                      " + summary(plain));
    }

    private static String summary(List<Start> starts) {
        return "first page " + range(starts.stream().map(Start::firstPageSeconds).toList(), "%.1f") + " s, RSS after"
                + " 10 s idle " + range(starts.stream().map(Start::idleRssMegabytes).toList(), "%.0f") + " MB";
    }

    private static String range(List<Double> values, String format) {
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(format, low) + "–" + String.format(format, high);
    }

    private static Start start(String java, Path app, List<String> cacheOptions, Path dataDir) throws Exception {
        int port = ModuloProcess.freePort();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ModuloProcess.DEPLOYED_OPTIONS);
        command.addAll(cacheOptions);
        command.addAll(List.of("-jar", app.toString(), "--server.port=" + port, "--modulo.mailin.port=0",
                "--modulo.data-dir=" + dataDir));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest home = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).build();
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("modulo.log").toFile())).start();
        try {
            long deadline = launched + Duration.ofMinutes(2).toNanos();
            while (true) {
                try {
                    if (client.send(home, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("Modulo did not answer; see " + dataDir.resolve("modulo.log"));
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - launched) / 1e9;
            Thread.sleep(10_000);
            return new Start(seconds, ModuloProcess.rssMegabytes(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int featureVersion(String java) throws Exception {
        Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor();
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("Cannot tell the version of " + java + ": " + text);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static void run(List<String> command, Duration patience) throws Exception {
        File log = File.createTempFile("modulo-startup-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }
}
