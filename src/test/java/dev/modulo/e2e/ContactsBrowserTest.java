package dev.modulo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

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
 * Contacts in a real browser: import an Apple Contacts export, read the report, search by a phone
 * number written another way than in the card, open the contact with its photo, and add a second
 * phone number with one click.
 */
@ModuloIntegrationTest
class ContactsBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

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
    void importThenSearchByPhoneThenOpenTheContact() throws IOException {
        Path vcf = files.resolve("apple.vcf");
        try (InputStream in = ContactsBrowserTest.class.getResourceAsStream("/contacts/apple.vcf")) {
            Files.copy(in, vcf);
        }
        browser = Chromium.start("Europe/Berlin");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String username = TestBrowser.uniqueName("people");
        browser.get(url("/signup?plan=basic"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("email")).sendKeys(username + "@example.com");
        browser.findElement(By.id("password")).sendKeys("everyone I know by name");
        browser.findElement(By.cssSelector("#signup-form button[type='submit']")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard"));

        browser.findElement(By.linkText("Contacts")).click();
        wait.until(ExpectedConditions.urlToBe(url("/contacts")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("No contacts yet");
        browser.findElement(By.linkText("Import vCards")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file"))).sendKeys(vcf.toString());
        browser.findElement(By.cssSelector("#import-form button[type='submit']")).click();
        WebElement summary = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary")));
        assertThat(summary.getText()).contains("2 cards read — 2 imported, 0 merged, 0 skipped", "Ada Lovelace",
                "Apple Inc.");
        screenshot("contacts-import-report");

        // Stored as "+1 (415) 555-0100"; found written the way it would be dialled from Germany.
        browser.get(url("/contacts"));
        browser.findElement(By.id("q")).sendKeys("001 415 555 0100");
        browser.findElement(By.cssSelector(".contact-search button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search-summary")));
        assertThat(browser.findElement(By.id("search-summary")).getText()).startsWith("1 found");
        screenshot("contacts-search");

        browser.findElement(By.cssSelector("#contact-list a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".contact-facts")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ada Lovelace");
        assertThat(browser.findElement(By.cssSelector(".contact-facts")).getText()).contains("ada@engine.example",
                "+1 (415) 555-0100", "Phone (Workshop)", "12 St James's Square");
        WebElement photo = browser.findElement(By.cssSelector("img.contact-photo"));
        wait.until(driver -> Boolean.TRUE.equals(((ChromeDriver) driver)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", photo)));
        screenshot("contact-card");

        // One more phone in one click: the page script adds the row in place (without the script the form
        // comes back with one more row, see ContactPagesTest).
        browser.findElement(By.linkText("Edit")).click();
        int rows = browser.findElements(By.name("phoneValue")).size();
        browser.findElement(By.xpath("//button[text()='Add another phone']")).click();
        wait.until(driver -> driver.findElements(By.name("phoneValue")).size() == rows + 1);
        var phones = browser.findElements(By.name("phoneValue"));
        phones.get(phones.size() - 1).sendKeys("+49 30 7654321");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".contact-facts")));
        assertThat(browser.findElement(By.cssSelector(".contact-facts")).getText()).contains("+49 30 7654321", "+49307654321");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
