package dev.modulo.images.web;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import dev.modulo.accounts.AccountService;
import dev.modulo.accounts.StorageQuota;
import dev.modulo.images.BlobStore;
import dev.modulo.images.ImageService;
import dev.modulo.images.TestImages;
import dev.modulo.images.UploadResult;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import dev.modulo.testing.TestBrowser.Page;
import dev.modulo.testing.TwoAccounts;
import dev.modulo.testing.TwoAccounts.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploading, looking at, describing, serving and deleting images, through the pages. */
@ModuloIntegrationTest
class ImagePagesTest {

    static final Pattern IMAGE_LINK = Pattern.compile("href=\"/images/(\\d+)\"");
    static final Pattern IMAGE_ID = Pattern.compile("\"imageId\":(\\d+)");
    static final String PASSWORD = "a long and unusual passphrase";
    static final AtomicInteger SEED = new AtomicInteger(100);

    @Autowired
    WebTestClient client;

    @Autowired
    AccountService accounts;

    @Autowired
    StorageQuota quota;

    @Autowired
    ImageService images;

    @Autowired
    BlobStore blobs;

    @Autowired
    dev.modulo.platform.ModuloProperties modulo;

    record Person(String username, TestBrowser browser) {

        long accountId(AccountService accounts) {
            return accounts.findByUsername(username).block().id();
        }
    }

    Person signUp(String prefix) {
        String username = TestBrowser.uniqueName(prefix);
        return new Person(username, new TestBrowser(client).signUp(username, PASSWORD, "basic"));
    }

    static byte[] uniqueJpeg() {
        return TestImages.jpeg(300, 200, SEED.incrementAndGet());
    }

    static long uploadedId(Page page) {
        Matcher id = IMAGE_ID.matcher(page.body());
        assertThat(id.find()).as("an image id in %s", page.body()).isTrue();
        return Long.parseLong(id.group(1));
    }

    @Test
    void aPlainFormUploadListsEachFilesOutcomeAndOneBadFileDoesNotStopTheOthers() {
        Person person = signUp("upl");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("beach.jpg", uniqueJpeg());
        files.put("notes.jpg", TestImages.htmlPretendingToBeJpeg());
        files.put("diagram.png", TestImages.png(120, 80, SEED.incrementAndGet()));

        Page page = person.browser().upload("/images", files, false);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("beach.jpg</strong>: <span>Uploaded.", "diagram.png</strong>: <span>Uploaded.",
                "notes.jpg</strong>: <span>Only JPEG, PNG, GIF and WebP images are accepted.");
        Matcher links = IMAGE_LINK.matcher(page.body());
        assertThat(links.results().count()).isEqualTo(2);
    }

    @Test
    void theScriptsUploadAnswersJsonAndTheSameBytesTwiceAreADuplicate() {
        Person person = signUp("dup");
        byte[] photo = uniqueJpeg();

        Page first = person.browser().upload("/images", Map.of("one.jpg", photo), true);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("\"outcome\":\"STORED\"");
        long id = uploadedId(first);

        Page second = person.browser().upload("/images", Map.of("copy-of-one.jpg", photo), true);
        assertThat(second.body()).contains("\"outcome\":\"DUPLICATE\"", "You already have this image",
                "\"imageId\":" + id);
        long used = quota.usage(person.accountId(accounts)).block().usedBytes();
        assertThat(used).as("counted once").isEqualTo(photo.length);

        Page refused = person.browser().upload("/images", Map.of("vector.svg", TestImages.svgWithScript()), true);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("\"outcome\":\"REFUSED\"");
        try (var staging = java.nio.file.Files.list(modulo.dataDir().resolve("blobs").resolve("staging"))) {
            assertThat(staging).as("no orphan left of a refused or duplicate upload").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anUploadOverTheQuotaIsRefusedAndNothingIsKept() {
        Person person = signUp("full");
        long accountId = person.accountId(accounts);
        quota.reserve(accountId, DataSize.ofGigabytes(2).toBytes() - 1_000).block();

        Page page = person.browser().upload("/images", Map.of("big.jpg", TestImages.jpeg(800, 600, SEED.incrementAndGet())), true);

        assertThat(page.body()).contains("\"outcome\":\"REFUSED\"", "free");
        assertThat(images.list(accountId, 1).block().images()).isEmpty();
        assertThat(quota.usage(accountId).block().usedBytes()).isEqualTo(DataSize.ofGigabytes(2).toBytes() - 1_000);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWhileItStreams() {
        Person person = signUp("huge");
        byte[] huge = new byte[26 * 1024 * 1024];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;

        Page page = person.browser().upload("/images", Map.of("huge.jpg", huge), true);

        assertThat(page.body()).contains("\"outcome\":\"REFUSED\"", "larger than 25 MB");
        assertThat(quota.usage(person.accountId(accounts)).block().usedBytes()).isZero();
    }

    @Test
    void concurrentUploadsNeverTogetherPassTheQuota() {
        Person person = signUp("race");
        long accountId = person.accountId(accounts);
        List<byte[]> photos = java.util.stream.IntStream.range(0, 6).mapToObj(i -> uniqueJpeg()).toList();
        long largest = photos.stream().mapToLong(photo -> photo.length).max().orElseThrow();
        quota.reserve(accountId, DataSize.ofGigabytes(2).toBytes() - 2 * largest - 10).block();

        List<UploadResult> results = Flux.fromIterable(photos)
                .flatMap(photo -> images.upload(accountId, "race.jpg",
                        Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(photo))), 6)
                .collectList()
                .block();

        assertThat(results.stream().filter(UploadResult::ok).count()).isLessThanOrEqualTo(2).isPositive();
        assertThat(quota.usage(accountId).block().usedBytes()).isLessThanOrEqualTo(DataSize.ofGigabytes(2).toBytes());
    }

    @Test
    void theDetailPageShowsTheExifAndTheCaptionCanBeEdited() {
        Person person = signUp("exif");
        long id = uploadedId(person.browser().upload("/images", Map.of("berlin.jpg", TestImages.rotatedJpegWithExif()), true));

        Page detail = person.browser().get("/images/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("berlin.jpg", "FUJIFILM X100V", "4 May 2024", "openstreetmap.org/?mlat=52.52",
                "200 × 400 px");

        Page tooLong = person.browser().post("/images/" + id, Map.of("caption", "x".repeat(1001), "tags", ""));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Keep the caption under 1000 characters.");

        assertThat(person.browser().post("/images/" + id, Map.of("caption", "Under the TV tower", "tags", "City, Trips"))
                .location()).isEqualTo("/images/" + id + "?saved");
        assertThat(person.browser().get("/images/" + id).body()).contains("Under the TV tower", "value=\"city, trips\"");
    }

    @Test
    void thumbnailsAreUprightImmutableAndAnswer304() throws Exception {
        Person person = signUp("thumb");
        long id = uploadedId(person.browser().upload("/images", Map.of("turned.jpg", TestImages.rotatedJpegWithExif()), true));

        EntityExchangeResult<byte[]> thumbnail = person.browser().getBytes("/images/" + id + "/thumbnail/320", new HttpHeaders());
        assertThat(thumbnail.getStatus().value()).isEqualTo(200);
        assertThat(thumbnail.getResponseHeaders().getContentType().toString()).isEqualTo("image/jpeg");
        assertThat(thumbnail.getResponseHeaders().getCacheControl()).contains("immutable", "private");
        var picture = ImageIO.read(new ByteArrayInputStream(thumbnail.getResponseBody()));
        assertThat(picture.getHeight()).isGreaterThan(picture.getWidth());

        HttpHeaders conditional = new HttpHeaders();
        conditional.setIfNoneMatch(thumbnail.getResponseHeaders().getETag());
        assertThat(person.browser().getBytes("/images/" + id + "/thumbnail/320", conditional).getStatus().value())
                .isEqualTo(304);
        assertThat(person.browser().get("/images/" + id + "/thumbnail/999").status()).isEqualTo(404);
    }

    @Test
    void theOriginalDownloadsSafelyAndAnswersRangeRequests() {
        Person person = signUp("orig");
        byte[] photo = uniqueJpeg();
        long id = uploadedId(person.browser().upload("/images", Map.of("my \"holiday\".jpg", photo), true));

        EntityExchangeResult<byte[]> whole = person.browser().getBytes("/images/" + id + "/original", new HttpHeaders());
        assertThat(whole.getResponseBody()).isEqualTo(photo);
        assertThat(whole.getResponseHeaders().getContentType().toString()).isEqualTo("image/jpeg");
        assertThat(whole.getResponseHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(whole.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");

        HttpHeaders range = new HttpHeaders();
        range.setRange(List.of(HttpRange.createByteRange(0, 9)));
        EntityExchangeResult<byte[]> part = person.browser().getBytes("/images/" + id + "/original", range);
        assertThat(part.getStatus().value()).isEqualTo(206);
        assertThat(part.getResponseBody()).containsExactly(java.util.Arrays.copyOf(photo, 10));
    }

    @Test
    void deletingAsksFirstThenFreesTheQuotaAndTheFiles() {
        Person person = signUp("gone");
        byte[] photo = uniqueJpeg();
        long id = uploadedId(person.browser().upload("/images", Map.of("bye.jpg", photo), true));
        String sha256 = images.find(person.accountId(accounts), id).block().sha256();

        assertThat(person.browser().get("/images/" + id + "/delete").body()).contains("Delete this image?");
        assertThat(person.browser().post("/images/" + id + "/delete", Map.of()).location()).isEqualTo("/images?deleted");

        assertThat(person.browser().get("/images/" + id).status()).isEqualTo(404);
        assertThat(quota.usage(person.accountId(accounts)).block().usedBytes()).isZero();
        images.sweepUnusedBlobs(java.time.Duration.ofDays(1)).block();
        assertThat(blobs.open(sha256).blockOptional()).as("kept through the grace period").isPresent();
        images.sweepUnusedBlobs(java.time.Duration.ZERO).block();
        assertThat(blobs.open(sha256).blockOptional()).isEmpty();
        assertThat(blobs.open(sha256 + ".320.jpg").blockOptional()).isEmpty();
    }

    @Test
    void twoDeletesOfOneImageAtOnceGiveItsBytesBackOnce() {
        Person person = signUp("twice");
        long accountId = person.accountId(accounts);
        byte[] kept = uniqueJpeg();
        long keptId = uploadedId(person.browser().upload("/images", Map.of("kept.jpg", kept), true));
        long goneId = uploadedId(person.browser().upload("/images", Map.of("gone.jpg", uniqueJpeg()), true));

        Flux.merge(images.delete(accountId, goneId).onErrorComplete(), images.delete(accountId, goneId).onErrorComplete())
                .then()
                .block();

        assertThat(quota.usage(accountId).block().usedBytes()).isEqualTo(kept.length);
        assertThat(images.find(accountId, keptId).block()).isNotNull();
    }

    @Test
    void bytesTwoAccountsKeepStayUntilTheLastOneDeletesThem() {
        Person first = signUp("share1");
        Person second = signUp("share2");
        byte[] photo = uniqueJpeg();
        long firstId = uploadedId(first.browser().upload("/images", Map.of("same.jpg", photo), true));
        Page secondUpload = second.browser().upload("/images", Map.of("same.jpg", photo), true);
        assertThat(secondUpload.body()).as("no hint that someone else has it").contains("\"outcome\":\"STORED\"");
        long secondId = uploadedId(secondUpload);
        String sha256 = images.find(first.accountId(accounts), firstId).block().sha256();

        first.browser().post("/images/" + firstId + "/delete", Map.of());
        images.sweepUnusedBlobs(java.time.Duration.ZERO).block();
        assertThat(second.browser().getBytes("/images/" + secondId + "/original", new HttpHeaders()).getResponseBody())
                .isEqualTo(photo);

        second.browser().post("/account/delete", Map.of("password", PASSWORD, "confirm", "DELETE"));
        images.sweepUnusedBlobs(java.time.Duration.ZERO).block();
        assertThat(blobs.open(sha256).blockOptional()).isEmpty();
    }

    @Test
    void anotherAccountCannotListViewDownloadEditOrDeleteAnImage() {
        TwoAccounts two = TwoAccounts.signUp(client);
        long id = uploadedId(two.owner().upload("/images", Map.of("private.jpg", uniqueJpeg()), true));

        two.assertIntruderGets404(List.of(
                Route.get("/images/" + id),
                Route.get("/images/" + id + "/thumbnail/320"),
                Route.get("/images/" + id + "/thumbnail/1280"),
                Route.get("/images/" + id + "/original"),
                Route.post("/images/" + id, Map.of("caption", "mine now", "tags", "")),
                Route.get("/images/" + id + "/delete"),
                Route.post("/images/" + id + "/delete", Map.of())));

        assertThat(two.intruder().get("/images").body()).doesNotContain("href=\"/images/" + id + "\"");
        assertThat(two.owner().get("/images/" + id).body()).contains("private.jpg").doesNotContain("mine now");
    }

    @Test
    void theImagesTabIsInTheShellAndAnEmptyFormSaysWhatToDo() {
        Person person = signUp("tab");

        assertThat(person.browser().get("/dashboard").body()).contains("href=\"/images\">Images</a>");
        Page empty = person.browser().upload("/images", Map.of(), false);
        assertThat(empty.body()).contains("Choose one or more pictures to upload.");
    }
}
