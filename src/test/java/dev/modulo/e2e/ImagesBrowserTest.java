package dev.modulo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import dev.modulo.images.TestImages;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploading pictures in a real browser: three at once (one turned by its camera, one not a
 * picture at all), each with its progress bar, then the upright thumbnail and the EXIF panel.
 */
@ModuloIntegrationTest
class ImagesBrowserTest {


    @LocalServerPort
    int port;

    @TempDir
    Path files;

    ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * Files dropped on the upload area go up one by one with their own progress bars, exactly like
     * picked ones. Chromium starts no native drag from a WebDriver in headless mode, so the page gets
     * the same DragEvents a person's drop makes, carrying real File objects.
     */
    @Test
    void droppedFilesUploadWithProgressBars() throws IOException {
        browser = Chromium.start("Europe/Berlin");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Chromium.signUp(browser, url(""), TestBrowser.uniqueName("dropper"), "pictures of the downs");
        browser.get(url("/images"));

        Object dragging = browser.executeScript("""
                const form = document.getElementById('upload-form');
                const data = new DataTransfer();
                for (const [name, type, base64] of arguments[0]) {
                  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                  data.items.add(new File([bytes], name, {type}));
                }
                window.dropped = data;
                form.dispatchEvent(new DragEvent('dragenter', {bubbles: true, cancelable: true, dataTransfer: data}));
                return form.classList.contains('dragging');
                """, List.of(
                List.of("meadow.png", "image/png", Base64.getEncoder().encodeToString(TestImages.png(800, 500, 3))),
                List.of("hills.jpg", "image/jpeg", Base64.getEncoder().encodeToString(TestImages.jpeg(900, 600, 4))),
                List.of("notes.txt", "text/plain", Base64.getEncoder().encodeToString("not a picture".getBytes()))));
        assertThat(dragging).as("the drop area lights up while dragging over it").isEqualTo(true);
        browser.executeScript("""
                const form = document.getElementById('upload-form');
                form.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: window.dropped}));
                """);

        wait.until(driver -> driver.findElements(By.cssSelector("#upload-progress li.ok, #upload-progress li.refused")).size() == 3);
        List<WebElement> rows = browser.findElements(By.cssSelector("#upload-progress li"));
        assertThat(rows).extracting(row -> row.findElement(By.tagName("progress")).getAttribute("value"))
                .containsOnly("100");
        assertThat(rows.get(0).getText()).contains("meadow.png", "Uploaded.");
        assertThat(rows.get(1).getText()).contains("hills.jpg", "Uploaded.");
        assertThat(rows.get(2).getText()).contains("notes.txt", "Only JPEG, PNG, GIF and WebP images are accepted.");
        assertThat(browser.findElement(By.id("upload-form")).getAttribute("class")).doesNotContain("dragging");
        wait.until(driver -> driver.findElements(By.cssSelector("#image-grid img")).size() == 2);
        Chromium.screenshot(browser, "images-dropped");
    }

    @Test
    void threeFilesUploadWithProgressBarsAndTheTurnedOneStandsUpright() throws IOException {
        Path rotated = Files.write(files.resolve("ridge.jpg"), TestImages.rotatedJpegWithExif());
        Path plain = Files.write(files.resolve("field.png"), TestImages.png(600, 400, 11));
        Path fake = Files.write(files.resolve("invoice.jpg"), TestImages.htmlPretendingToBeJpeg());
        browser = Chromium.start("Europe/Berlin");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String username = TestBrowser.uniqueName("photos");
        Chromium.signUp(browser, url(""), username, "pictures of the downs");

        browser.findElement(By.linkText("Images")).click();
        wait.until(ExpectedConditions.urlToBe(url("/images")));
        browser.findElement(By.id("files")).sendKeys(String.join("\n", rotated.toString(), plain.toString(), fake.toString()));

        wait.until(driver -> driver.findElements(By.cssSelector("#upload-progress li.ok, #upload-progress li.refused")).size() == 3);
        List<WebElement> rows = browser.findElements(By.cssSelector("#upload-progress li"));
        assertThat(rows).hasSize(3);
        for (WebElement row : rows) {
            assertThat(row.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
        }
        assertThat(rows.get(0).getText()).contains("ridge.jpg", "Uploaded.");
        assertThat(rows.get(1).getText()).contains("field.png", "Uploaded.");
        assertThat(rows.get(2).getAttribute("class")).isEqualTo("refused");
        assertThat(rows.get(2).getText()).contains("invoice.jpg", "Only JPEG, PNG, GIF and WebP images are accepted.");
        wait.until(driver -> driver.findElements(By.cssSelector("#image-grid img")).size() == 2);
        Chromium.screenshot(browser, "images-upload");

        browser.navigate().refresh();
        // The camera's picture is oldest by its EXIF date, so it sorts after the PNG.
        List<WebElement> thumbnails = browser.findElements(By.cssSelector("#image-grid img"));
        assertThat(thumbnails).hasSize(2);
        WebElement ridge = thumbnails.get(1);
        wait.until(driver -> Boolean.TRUE.equals(((ChromeDriver) driver)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", ridge)));
        Number width = (Number) browser.executeScript("return arguments[0].naturalWidth", ridge);
        Number height = (Number) browser.executeScript("return arguments[0].naturalHeight", ridge);
        assertThat(height.intValue()).as("upright").isGreaterThan(width.intValue());

        ridge.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".exif")));
        assertThat(browser.findElement(By.cssSelector(".exif")).getText()).contains("FUJIFILM X100V", "4 May 2024",
                "52.52000, 13.40500");
        Chromium.screenshot(browser, "image-detail");

        // Two pictures into an album, shared, opened by a stranger, revoked.
        browser.get(url("/images"));
        browser.findElement(By.id("album-name")).sendKeys("The Ridgeway");
        browser.findElement(By.cssSelector(".album-create button")).click();
        wait.until(ExpectedConditions.urlMatches(".*/images/albums/\\d+$"));
        String albumUrl = browser.getCurrentUrl();
        for (int i = 0; i < 2; i++) {
            browser.get(url("/images"));
            browser.findElements(By.cssSelector("#image-grid a")).get(i).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("albumId")));
            browser.findElement(By.cssSelector(".in-albums button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".in-albums .album-list")));
        }
        browser.get(albumUrl);
        assertThat(browser.findElements(By.cssSelector(".album-grid li"))).hasSize(2);
        browser.findElement(By.xpath("//button[text()='Make a share link']")).click();
        WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".share-link")));
        String shareUrl = link.getAttribute("value").replace("http://localhost:8080", url(""));
        Chromium.screenshot(browser, "album-shared");

        ChromeDriver stranger = Chromium.start("Asia/Tokyo");
        try {
            stranger.get(shareUrl);
            assertThat(stranger.findElement(By.tagName("h1")).getText()).isEqualTo("The Ridgeway");
            assertThat(stranger.findElements(By.cssSelector(".image-grid img"))).hasSize(2);
            browser.findElement(By.xpath("//button[text()='Stop sharing']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[text()='Make a share link']")));
            stranger.navigate().refresh();
            assertThat(stranger.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        } finally {
            stranger.quit();
        }

        // The blog editor's picker puts a picture into a post.
        browser.get(url("/blog/new"));
        browser.findElement(By.cssSelector("#picture-picker summary")).click();
        browser.findElements(By.cssSelector(".picker-item")).get(0).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview img")));
        assertThat(browser.findElement(By.id("bodyMarkdown")).getAttribute("value")).contains("/shared/images/", "/thumbnail/1280");
        WebElement inserted = browser.findElement(By.cssSelector("#preview img"));
        wait.until(driver -> Boolean.TRUE.equals(((ChromeDriver) driver)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", inserted)));
        Chromium.screenshot(browser, "blog-picker");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
