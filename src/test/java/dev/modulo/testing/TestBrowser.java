package dev.modulo.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's browser against the running application: it keeps cookies, picks up the CSRF
 * token from each page, and does not follow redirects (tests look at them).
 */
public final class TestBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final WebTestClient client;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;

    public TestBrowser(WebTestClient client) {
        this.client = client;
    }

    /** A username no other test uses: {@code prefix-xxxxxx}. */
    public static String uniqueName(String prefix) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 8; i++) {
            name.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return name.toString();
    }

    public Page get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    /** A GET of a URI template, its variables encoded strictly ({@code +} becomes {@code %2B}): {@code get("/x?q={q}", q)}. */
    public Page get(String template, Object... variables) {
        return exchange(client.method(HttpMethod.GET).uri(template, variables), null);
    }

    /** Posts a form with this browser's CSRF token, as a page's form would. */
    public Page post(String path, Map<String, String> fields) {
        if (csrfToken == null) {
            get("/login");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        form.add("_csrf", csrfToken);
        return exchange(HttpMethod.POST, path, form);
    }

    /**
     * Uploads files as the image page does: as a plain multipart form ({@code asScript} false, the
     * token in a form field) or as its script does (JSON answer, the token in a header).
     */
    public Page upload(String path, Map<String, byte[]> files, boolean asScript) {
        if (csrfToken == null) {
            get("/login");
        }
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        files.forEach((name, bytes) -> body.part("files", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM));
        if (!asScript) {
            body.part("_csrf", csrfToken);
        }
        EntityExchangeResult<String> result = client.post().uri(path)
                .accept(asScript ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML)
                .cookies(jar -> cookies.forEach(jar::add))
                .headers(headers -> {
                    if (asScript) {
                        headers.add("X-CSRF-TOKEN", csrfToken);
                    }
                })
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectBody(String.class)
                .returnResult();
        remember(result.getResponseCookies());
        return new Page(result.getStatus().value(), result.getResponseBody() == null ? "" : result.getResponseBody(),
                result.getResponseHeaders());
    }

    /** Posts a form whose fields may repeat (several checkboxes of one name), with the CSRF token. */
    public Page postAll(String path, MultiValueMap<String, String> fields) {
        if (csrfToken == null) {
            get("/login");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>(fields);
        form.add("_csrf", csrfToken);
        return exchange(HttpMethod.POST, path, form);
    }

    /** Uploads one file in the form field {@code field} of a plain multipart form (the token as a field). */
    public Page uploadFile(String path, String field, String filename, byte[] bytes) {
        if (csrfToken == null) {
            get("/login");
        }
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part(field, new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        body.part("_csrf", csrfToken);
        EntityExchangeResult<String> result = client.post().uri(path)
                .accept(MediaType.TEXT_HTML)
                .cookies(jar -> cookies.forEach(jar::add))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectBody(String.class)
                .returnResult();
        remember(result.getResponseCookies());
        return new Page(result.getStatus().value(), result.getResponseBody() == null ? "" : result.getResponseBody(),
                result.getResponseHeaders());
    }

    /** A GET with extra request headers (conditional requests, ranges), answered as bytes. */
    public EntityExchangeResult<byte[]> getBytes(String path, HttpHeaders extra) {
        return client.get().uri(path)
                .cookies(jar -> cookies.forEach(jar::add))
                .headers(headers -> headers.addAll(extra))
                .exchange()
                .expectBody(byte[].class)
                .returnResult();
    }

    /** Posts a form the way a forged cross-site request would: no CSRF token. */
    public Page postWithoutCsrf(String path, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return exchange(HttpMethod.POST, path, form);
    }

    /**
     * Posts several forms at the same moment, as that many tabs of this browser would (same cookies,
     * same CSRF token): each on its own thread, all released together. Answers in the order given.
     * The cookie jar is not updated from these answers.
     */
    public java.util.List<Page> postAtOnce(String path, java.util.List<Map<String, String>> forms) {
        if (csrfToken == null) {
            get("/login");
        }
        Map<String, String> jar = Map.copyOf(cookies);
        String token = csrfToken;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.CompletableFuture<Page>> answers = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService tabs = java.util.concurrent.Executors.newFixedThreadPool(forms.size());
        try {
            for (Map<String, String> fields : forms) {
                answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
                    fields.forEach(form::add);
                    form.add("_csrf", token);
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    EntityExchangeResult<String> result = client.post().uri(path)
                            .accept(MediaType.TEXT_HTML, MediaType.ALL)
                            .cookies(cookieJar -> jar.forEach(cookieJar::add))
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .body(BodyInserters.fromFormData(form))
                            .exchange()
                            .expectBody(String.class)
                            .returnResult();
                    return new Page(result.getStatus().value(),
                            result.getResponseBody() == null ? "" : result.getResponseBody(), result.getResponseHeaders());
                }, tabs));
            }
            start.countDown();
            return answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        } finally {
            tabs.shutdown();
        }
    }

    /** Signs up on the given plan and checks that it landed on the dashboard. */
    public TestBrowser signUp(String username, String password, String plan) {
        Page page = post("/signup", Map.of("username", username, "email", username + "@example.com",
                "password", password, "planId", plan, "timeZone", "Europe/Berlin", "phoneRegion", "DE"));
        assertThat(page.status()).as("sign-up of %s: %s", username, page.body()).isEqualTo(303);
        assertThat(page.location()).startsWith("/dashboard");
        return this;
    }

    public Page logIn(String login, String password) {
        return post("/login", Map.of("username", login, "password", password));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    /** Sets a cookie as if an earlier answer had (another browser's, or a forged one). */
    public TestBrowser withCookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public void forgetCookies() {
        cookies.clear();
        csrfToken = null;
    }

    private Page exchange(HttpMethod method, String path, MultiValueMap<String, String> form) {
        return exchange(client.method(method).uri(path), form);
    }

    private Page exchange(WebTestClient.RequestBodySpec target, MultiValueMap<String, String> form) {
        WebTestClient.RequestBodySpec request = target
                .accept(MediaType.TEXT_HTML, MediaType.ALL)
                .cookies(jar -> cookies.forEach(jar::add));
        EntityExchangeResult<String> result = (form == null ? request : request
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData(form)))
                .exchange()
                .expectBody(String.class)
                .returnResult();
        remember(result.getResponseCookies());
        String body = result.getResponseBody() == null ? "" : result.getResponseBody();
        Matcher csrf = CSRF.matcher(body);
        if (csrf.find()) {
            csrfToken = csrf.group(1);
        }
        return new Page(result.getStatus().value(), body, result.getResponseHeaders());
    }

    private void remember(MultiValueMap<String, ResponseCookie> set) {
        set.forEach((name, values) -> values.forEach(cookie -> {
            if (cookie.getMaxAge().isZero() || cookie.getValue().isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, cookie.getValue());
            }
        }));
    }

    /** A response as the browser saw it. */
    public record Page(int status, String body, HttpHeaders headers) {

        /** The redirect target's path and query, or null. */
        public String location() {
            URI location = headers.getLocation();
            if (location == null) {
                return null;
            }
            return location.getRawQuery() == null ? location.getRawPath()
                    : location.getRawPath() + "?" + location.getRawQuery();
        }
    }
}
