package dev.modulo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import dev.modulo.images.TestImages;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
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
