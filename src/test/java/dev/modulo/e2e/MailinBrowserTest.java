package dev.modulo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blog by email in a real browser: find the posting address from the blog settings, make a new
 * one, mail a picture to it with a real SMTP client, and see the post with its picture.
 */
@ModuloIntegrationTest
class MailinBrowserTest {

    @LocalServerPort
    int port;

    @Value("${local.mailin.port}")
    int smtpPort;

    ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void findTheAddressRenewItAndMailAPictureToTheBlog() throws Exception {
        browser = Chromium.start("Europe/Berlin");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        String username = TestBrowser.uniqueName("mailer");
        browser.get(url("/signup?plan=basic"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("email")).sendKeys(username + "@example.com");
        browser.findElement(By.id("password")).sendKeys("letters from the seaside");
        browser.findElement(By.cssSelector("#signup-form button[type='submit']")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard"));

        browser.get(url("/blog"));
        browser.findElement(By.linkText("Settings")).click();
        wait.until(ExpectedConditions.urlToBe(url("/blog/settings")));
        browser.findElement(By.linkText("Post by email")).click();
        wait.until(ExpectedConditions.urlToBe(url("/blog/email")));
        String first = browser.findElement(By.id("posting-address")).getText();
        assertThat(first).matches("p-[a-z2-9]{10}@localhost");

        browser.findElement(By.xpath("//button[text()='Make a new address']")).click();
        wait.until(ExpectedConditions.urlContains("done=address"));
        String address = browser.findElement(By.id("posting-address")).getText();
        assertThat(address).isNotEqualTo(first).matches("p-[a-z2-9]{10}@localhost");
        screenshot("mailin-settings");

        mail("one-picture.eml", address);

        browser.get(url("/blog"));
        browser.findElement(By.linkText("One picture")).click();
        wait.until(ExpectedConditions.urlContains("/edit"));
        browser.get(url("/@" + username));
        browser.findElement(By.linkText("One picture")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".post-body img")));
        WebElement picture = browser.findElement(By.cssSelector(".post-body img"));
        wait.until(driver -> ((Number) browser.executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0", picture)).intValue() > 0);
        assertThat(browser.findElement(By.cssSelector(".post-body")).getText()).contains("Green field.");
        screenshot("mailin-post");
    }

    private void mail(String corpusName, String to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        Session session = Session.getInstance(properties);
        try (InputStream in = getClass().getResourceAsStream("/mailin/" + corpusName);
                Transport transport = session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session, in);
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(to)});
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Path directory = Path.of("target", "screenshots");
        Files.createDirectories(directory);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), directory.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
