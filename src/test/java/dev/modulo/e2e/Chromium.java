package dev.modulo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless Chromium, driven by its chromedriver. Where it is missing the browser tests
 * are skipped with a hint, except in CI (CI or MODULO_REQUIRE_BROWSER set), where that fails.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A new browser in its own profile; {@code timeZone} is the zone the browser reports. */
    static ChromeDriver start(String timeZone) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,1000", "--lang=en-GB",
                "--user-data-dir=" + temporaryProfile());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", timeZone))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Signs up on the Basic plan through the real sign-up page and waits for the dashboard. */
    static void signUp(ChromeDriver browser, String baseUrl, String username, String password) {
        browser.get(baseUrl + "/signup?plan=basic");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("email")).sendKeys(username + "@example.com");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#signup-form button[type='submit']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/dashboard"));
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}, to be looked at. */
    static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String hint = "Chromium is not installed: on Debian or Ubuntu run "
                + "'apt-get install -y chromium chromium-driver' to run the browser tests.";
        if (System.getenv("CI") != null || System.getenv("MODULO_REQUIRE_BROWSER") != null) {
            fail(hint);
        }
        Assumptions.abort(hint);
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("modulo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
