package dev.modulo.images;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.modulo.accounts.AccountService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static dev.modulo.images.DecodeBudgetTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large and hostile pictures within a small decode budget (120 MB, so one 49-megapixel decode at
 * a time): they are stored, the budget holds across accounts, and the rest of the server answers.
 */
@ModuloIntegrationTest
@TestPropertySource(properties = "modulo.images.decode-memory=120MB")
class DecodeMemoryTest {

    static final String PASSWORD = "a long and unusual passphrase";

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    ImageService images;

    @Autowired
    DecodeBudget budget;

    /** Pictures take their time on a busy machine; the deadlines under test are the server's, not the client's. */
    WebTestClient patient() {
        return client.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
    }

    record Person(TestBrowser browser, long accountId) {
    }

    Person signUp(String prefix) {
        String username = TestBrowser.uniqueName(prefix);
        TestBrowser browser = new TestBrowser(patient()).signUp(username, PASSWORD, "basic");
        return new Person(browser, accounts.findByUsername(username).block().id());
    }

    Mono<UploadResult> upload(Person person, String name, byte[] bytes) {
        return images.upload(person.accountId(), name, Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    @Test
    void threeFortyNineMegapixelPngsFromTwoAccountsAtOnceAreDecodedOneAtATimeWithinTheBudget() {
        Person first = signUp("big1");
        Person second = signUp("big2");
        byte[] one = TestImages.largePng(7_000, 7_000, 1);
        byte[] two = TestImages.largePng(7_000, 7_000, 2);
        byte[] three = TestImages.largePng(7_000, 7_000, 3);
        budget.resetPeaks();

        List<UploadResult> results = Flux.merge(upload(first, "one.png", one), upload(first, "two.png", two),
                        upload(second, "three.png", three))
                .collectList()
                .block();

        assertThat(results).extracting(UploadResult::outcome).containsOnly(UploadResult.Outcome.STORED);
        assertThat(budget.peakInUse()).isLessThanOrEqualTo(budget.total());
        assertThat(budget.peakDecoding()).as("each needs ~98 MB of the 120 MB").isEqualTo(1);
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void whileTheDecodeMemoryIsTakenUploadsWaitAndEveryPageStillAnswers() throws Exception {
        Person first = signUp("wait1");
        Person second = signUp("wait2");
        DecodeBudget.Permit taken = budget.reserve(budget.total()).block();
        List<CompletableFuture<UploadResult>> waiting;
        try {
            // More waiting uploads than there are image threads: waiting must not hold a thread.
            waiting = List.of(
                    upload(first, "a.jpg", TestImages.jpeg(300, 200, 901)).toFuture(),
                    upload(first, "b.jpg", TestImages.jpeg(300, 200, 902)).toFuture(),
                    upload(second, "c.jpg", TestImages.jpeg(300, 200, 903)).toFuture(),
                    upload(second, "d.png", TestImages.pngWithInflatingMetadata(100)).toFuture());
            waitUntil(() -> budget.waiting() == 4);

            assertThat(first.browser().get("/images").status()).isEqualTo(200);
            assertThat(second.browser().get("/dashboard").status()).isEqualTo(200);
            assertThat(new TestBrowser(patient()).get("/").status()).isEqualTo(200);
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
        } finally {
            taken.release();
        }

        for (CompletableFuture<UploadResult> upload : waiting) {
            assertThat(upload.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(UploadResult.Outcome.STORED);
        }
    }

    @Test
    void aPngWhoseTextWouldInflateToHundredsOfMegabytesUploadsWithoutThatText() {
        Person person = signUp("silly");

        Page page = person.browser().upload("/images", Map.of("silly.png", TestImages.pngWithInflatingMetadata(300)), true);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("\"outcome\":\"STORED\"");
    }
}
