package dev.modulo.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.TestBrowser;

/**
 * Public pages and pictures beside a static server, in one run: Modulo serves a blog's index (20
 * posts), one post, a tag page and the Atom feed to anonymous visitors, and a picture's thumbnail
 * and original to its owner (signed in) and through its share link; nginx serves saved copies of the very
 * same bytes; wrk loads each page from the same connections on both, one after the other, and the
 * ratios are printed. This is the yardstick of issue 13 (public pages near the speed of static files).
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dbench=PublicPages</pre>
 *
 * Needs {@code nginx} and {@code wrk} on the path ({@code apt-get install -y nginx-light wrk}).
 * Settings: {@code bench.connections} (64), {@code bench.seconds} (10 per page and server),
 * {@code bench.threads} (wrk's threads, 2), {@code bench.warmupSeconds} (20 per page, before any is measured),
 * {@code bench.only} (measure only the pages whose name contains this, e.g. {@code thumbnail}).
 */
public final class PublicPagesBenchmark {

    private static final String PASSWORD = "measuring public pages";
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NOT_OK = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: (.*)");

    private PublicPagesBenchmark() {
    }

    record Load(double perSecond, double p50, double p99, String failures) {

        String summary() {
            return String.format("%,9.0f req/s, p50 %7.1f ms, p99 %7.1f ms%s", perSecond, p50, p99,
                    failures.isEmpty() ? "" : " (" + failures + ")");
        }
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.getInteger("bench.connections", 64);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int threads = Integer.getInteger("bench.threads", 2);
        int warmup = Integer.getInteger("bench.warmupSeconds", 20);
        for (String tool : List.of("nginx", "wrk")) {
            if (!onPath(tool)) {
                System.err.println("This benchmark needs " + tool + ": apt-get install -y nginx-light wrk");
                System.exit(2);
            }
        }

        try (ModuloProcess modulo = ModuloProcess.start("--modulo.accounts.signups-per-hour=100000")) {
            String blogger = TestBrowser.uniqueName("public");
            TestBrowser owner = new TestBrowser(Bench.client(modulo.baseUrl())).signUp(blogger, PASSWORD, "basic");
            Blogs.withPosts(owner, 20);
            HttpClient visitor = HttpClient.newHttpClient();
            String index = "/@" + blogger;
            Matcher post = Pattern.compile("href=\"(" + Pattern.quote(index) + "/\\d{4}/\\d{2}/[^\"#?]+)\"")
                    .matcher(get(visitor, modulo.baseUrl() + index));
            if (!post.find()) {
                throw new IllegalStateException("No post linked from " + index);
            }
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("blog index (20 posts)", index);
            pages.put("one post", post.group(1));
            pages.put("tag page", index + "/tags/walks");
            pages.put("Atom feed", index + "/feed.atom");
            // A photo of 2 megapixels (some 3 MB), as a phone's picture resized for the web would be.
            Matcher uploaded = Pattern.compile("\"imageId\":(\\d+)")
                    .matcher(owner.upload("/images", Map.of("photo.jpg", Pictures.noisyJpeg(2)), true).body());
            if (!uploaded.find()) {
                throw new IllegalStateException("The picture was not uploaded");
            }
            String image = "/images/" + uploaded.group(1);
            owner.post(image + "/share", Map.of());
            Matcher shared = Pattern.compile("/shared/images/([^/\"?]+)").matcher(owner.get(image).body());
            if (!shared.find()) {
                throw new IllegalStateException("The picture was not shared");
            }
            String signedIn = "Cookie: SESSION=" + owner.cookie("SESSION");
            pages.put("thumbnail 320 px, signed in", image + "/thumbnail/320");
            pages.put("original, signed in", image + "/original");
            pages.put("thumbnail 320 px, shared", "/shared/images/" + shared.group(1) + "/thumbnail/320");
            pages.put("original, shared", "/shared/images/" + shared.group(1) + "/original");
            Map<String, String> headers = new LinkedHashMap<>(Map.of(image + "/thumbnail/320", signedIn,
                    image + "/original", signedIn));
            // Pages only their owner sees, rendered for each request (issue 13: no regression here).
            for (Map.Entry<String, String> own : Map.of("dashboard, signed in", "/dashboard",
                    "blog list, signed in", "/blog", "contacts, signed in", "/contacts",
                    "to-do today, signed in", "/todo/today").entrySet()) {
                pages.put(own.getKey(), own.getValue());
                headers.put(own.getValue(), signedIn);
            }
            String only = System.getProperty("bench.only");
            if (only != null) {
                pages.keySet().removeIf(name -> !name.contains(only));
            }

            // The same bytes as files, for nginx (flat names: "/@name" is a page and a folder's prefix).
            Path root = Files.createTempDirectory("modulo-static-");
            Map<String, String> copies = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, String> page : pages.entrySet()) {
                HttpResponse<byte[]> answer = getWith(visitor, modulo.baseUrl() + page.getValue(),
                        headers.get(page.getValue()));
                byte[] bytes = answer.body();
                String type = answer.headers().firstValue("Content-Type").orElse("text/html");
                String file = "page" + n++ + (type.startsWith("application/atom") ? ".atom"
                        : type.startsWith("image/jpeg") ? ".jpg" : type.startsWith("image/webp") ? ".webp"
                        : type.startsWith("image/png") ? ".png" : ".html");
                Files.write(root.resolve(file), bytes);
                copies.put(page.getKey(), "/" + file);
            }

            int nginxPort = ModuloProcess.freePort();
            Process nginx = startNginx(root, nginxPort);
            try {
                String nginxUrl = "http://127.0.0.1:" + nginxPort;
                waitFor(visitor, nginxUrl + copies.values().iterator().next());
                // Every page first, so that all are measured compiled (the first measured was 3x slower).
                for (String path : pages.values()) {
                    wrk(threads, connections, warmup, modulo.baseUrl() + path, headers.get(path));
                }
                List<String> lines = new ArrayList<>();
                for (String name : pages.keySet()) {
                    int size = Files.readAllBytes(root.resolve(copies.get(name).substring(1))).length;
                    Load fromModulo = wrk(threads, connections, seconds, modulo.baseUrl() + pages.get(name),
                            headers.get(pages.get(name)));
                    Load fromNginx = wrk(threads, connections, seconds, nginxUrl + copies.get(name), null);
                    lines.add(String.format("  %-28s %8.1f KB%n    Modulo %s%n    nginx  %s%n    Modulo / nginx: %.1f %%",
                            name, size / 1024.0, fromModulo.summary(), fromNginx.summary(),
                            100 * fromModulo.perSecond() / fromNginx.perSecond()));
                }
                System.out.println();
                System.out.println("Modulo public pages beside nginx serving the same bytes (" + Runtime.getRuntime()
                        .availableProcessors() + " cores, loopback, wrk " + threads + " threads x " + connections
                        + " connections, " + seconds + " s each)");
                lines.forEach(System.out::println);
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process startNginx(Path root, int port) throws IOException {
        String conf = """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    sendfile on;
                    types { text/html html; application/atom+xml atom; image/jpeg jpg; image/webp webp; image/png png; }
                    client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s;
                    uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                    server { listen 127.0.0.1:%2$d; root %1$s; }
                }
                """.formatted(root, port);
        Path file = root.resolve("nginx.conf");
        Files.writeString(file, conf);
        return new ProcessBuilder("nginx", "-p", root.toString(), "-c", file.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(root.resolve("nginx.out").toFile()).start();
    }

    /** Loads {@code url} with wrk, sending {@code header} ({@code Name: value}) with each request when not null. */
    private static Load wrk(int threads, int connections, int seconds, String url, String header) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "10s"));
        if (header != null) {
            command.addAll(List.of("-H", header));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher perSecond = REQUESTS.matcher(out);
        if (!perSecond.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        double p50 = 0;
        double p99 = 0;
        Matcher percentile = PERCENTILE.matcher(out);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double ms = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            if (percentile.group(1).equals("50")) {
                p50 = ms;
            } else {
                p99 = ms;
            }
        }
        List<String> failures = new ArrayList<>();
        Matcher notOk = NOT_OK.matcher(out);
        if (notOk.find()) {
            failures.add(notOk.group(1) + " not 2xx/3xx");
        }
        Matcher errors = ERRORS.matcher(out);
        if (errors.find()) {
            failures.add("socket errors: " + errors.group(1).strip());
        }
        return new Load(Double.parseDouble(perSecond.group(1)), p50, p99, String.join(", ", failures));
    }

    private static String get(HttpClient client, String url) throws Exception {
        return new String(getBytes(client, url), StandardCharsets.UTF_8);
    }

    private static byte[] getBytes(HttpClient client, String url) throws Exception {
        return getWith(client, url, null).body();
    }

    private static HttpResponse<byte[]> getWith(HttpClient client, String url, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (header != null) {
            String[] nameAndValue = header.split(": ", 2);
            request.header(nameAndValue[0], nameAndValue[1]);
        }
        HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode());
        }
        return answer;
    }

    private static void waitFor(HttpClient client, String url) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                getBytes(client, url);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not answer at " + url);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
