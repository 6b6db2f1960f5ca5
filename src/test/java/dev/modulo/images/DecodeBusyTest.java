package dev.modulo.images;

import java.nio.file.Files;
import java.util.Map;

import dev.modulo.platform.ModuloProperties;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** An upload that gets no decode memory within {@code modulo.images.decode-wait} is answered "busy, try again". */
@ModuloIntegrationTest
@TestPropertySource(properties = "modulo.images.decode-wait=1s")
class DecodeBusyTest {

    @Autowired
    WebTestClient client;

    @Autowired
    DecodeBudget budget;

    /** Pictures take their time on a busy machine; the deadlines under test are the server's, not the client's. */
    WebTestClient patient() {
        return client.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
    }

    @Autowired
    ModuloProperties modulo;

    @Test
    void anUploadThatGetsNoDecodeMemoryInTimeIsAnswered503AndMayBeSentAgain() throws Exception {
        TestBrowser browser = new TestBrowser(patient()).signUp(TestBrowser.uniqueName("busy"),
                "a long and unusual passphrase", "basic");
        byte[] photo = TestImages.jpeg(300, 200, 777);
        DecodeBudget.Permit taken = budget.reserve(budget.total()).block();
        Page busy;
        try {
            busy = browser.upload("/images", Map.of("later.jpg", photo), true);
        } finally {
            taken.release();
        }

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        try (var staging = Files.list(modulo.dataDir().resolve("blobs").resolve("staging"))) {
            assertThat(staging).as("nothing left of the refused upload").isEmpty();
        }
        Page again = browser.upload("/images", Map.of("later.jpg", photo), true);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("\"outcome\":\"STORED\"");
    }
}
