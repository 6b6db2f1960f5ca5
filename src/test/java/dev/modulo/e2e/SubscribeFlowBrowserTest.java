package dev.modulo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.modulo.accounts.Account;
import dev.modulo.accounts.AccountService;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new person in a real browser: front page → Subscribe on a plan → sign up → dashboard → log out →
 * log in again. Screenshots land in target/screenshots/.
 */
@ModuloIntegrationTest
class SubscribeFlowBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start("Europe/Berlin");
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aNewPersonSubscribesSignsUpLogsOutAndLogsInAgain() throws IOException {
        String username = TestBrowser.uniqueName("e2e");
        String password = "sunlight over the orchard";

        browser.get(url("/"));
        assertThat(browser.findElements(By.cssSelector(".plan"))).hasSize(3);
        screenshot("landing");
        browser.findElement(By.cssSelector("[data-plan='plus'] a.subscribe")).click();

        wait.until(ExpectedConditions.urlContains("/signup?plan=plus"));
        assertThat(browser.findElement(By.cssSelector("input[name='planId'][value='plus']")).isSelected()).isTrue();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("email")).sendKeys(username + "@example.com");
        browser.findElement(By.id("password")).sendKeys("password");
        browser.findElement(By.cssSelector("#signup-form button[type='submit']")).click();

        WebElement passwordError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertThat(passwordError.getText()).contains("one of the most common passwords");
        assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo(username);
        screenshot("signup-error");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#signup-form button[type='submit']")).click();

        wait.until(ExpectedConditions.urlContains("/dashboard"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, " + username);
        assertThat(browser.getPageSource()).contains("Your Plus account is ready.");
        screenshot("dashboard");
        Account account = accounts.findByUsername(username).block();
        assertThat(account.planId()).isEqualTo("plus");
        assertThat(account.timeZone()).as("taken from the browser at sign-up").isEqualTo("Europe/Berlin");
        assertThat(account.phoneRegion()).as("from the browser's language").isEqualTo("GB");

        browser.findElement(By.cssSelector("[data-testid='logout']")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(browser.getPageSource()).contains("You have logged out.");

        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type='submit']")).click();

        wait.until(ExpectedConditions.urlContains("/dashboard"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, " + username);
        browser.get(url("/account"));
        assertThat(browser.getPageSource()).contains("0 bytes of 25 GB used");
        screenshot("account");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
