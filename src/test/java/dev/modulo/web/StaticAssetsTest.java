package dev.modulo.web;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.modulo.testing.ModuloIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages link to stylesheets and scripts with the fingerprint of their content; with it, an asset
 * may be kept for a year unasked, without it (or with an old one) it must be revalidated.
 */
@ModuloIntegrationTest
class StaticAssetsTest {

    static final Pattern STYLESHEET = Pattern.compile("href=\"(/css/modulo\\.css\\?v=([0-9a-f]+))\"");

    @Autowired
    WebTestClient client;

    @Test
    void pagesLinkToFingerprintedAssetsThatMayBeKeptForAYear() throws Exception {
        String page = client.get().uri("/login").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher link = STYLESHEET.matcher(page);
        assertThat(link.find()).as(page).isTrue();
        byte[] css = new ClassPathResource("static/css/modulo.css").getContentAsByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(css)))
                .as("the fingerprint is the content's").startsWith(link.group(2));

        client.get().uri(link.group(1)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .expectBody(byte[].class).isEqualTo(css);
        for (String unversioned : new String[] {"/css/modulo.css", "/css/modulo.css?v=0ld0ld0ld0ld"}) {
            client.get().uri(unversioned).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
    }

    @Test
    void scriptsAndTheIconAreFingerprintedToo() {
        String page = client.get().uri("/signup").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).containsPattern("src=\"/js/signup\\.js\\?v=[0-9a-f]{12}\"")
                .containsPattern("href=\"/img/favicon\\.svg\\?v=[0-9a-f]{12}\"");
    }
}
