package dev.modulo.e2e;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blog as its writer and a reader use it, in two real browsers: write a Markdown post with
 * a tag, keep it a draft (invisible), publish it, read it on the public blog, its tag page and its
 * feed, comment as the reader, approve as the writer, and see the comment appear.
 */
@ModuloIntegrationTest
class BlogBrowserTest {


    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    ChromeDriver writer;
    ChromeDriver reader;

    @AfterEach
    void closeBrowsers() {
        if (writer != null) {
            writer.quit();
        }
        if (reader != null) {
            reader.quit();
        }
    }

    @Test
    void writePublishReadCommentModerate() throws Exception {
        writer = Chromium.start("Europe/Berlin");
        WebDriverWait writerWait = new WebDriverWait(writer, Duration.ofSeconds(15));
        String username = TestBrowser.uniqueName("author");
        Chromium.signUp(writer, url(""), username, "chalk downs and skylarks");

        writer.findElement(By.linkText("Blog")).click();
        writerWait.until(ExpectedConditions.urlToBe(url("/blog")));
        writer.findElement(By.linkText("New post")).click();
        writer.findElement(By.id("title")).sendKeys("Walking the Ridgeway");
        writer.findElement(By.id("bodyMarkdown")).sendKeys("Three days on the **oldest road** in Britain.\n\n"
                + "- chalk\n- skylarks\n- blisters");
        writer.findElement(By.id("tags")).sendKeys("Travel, walking");
        writerWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview strong")));
        assertThat(writer.findElement(By.cssSelector("#preview strong")).getText()).isEqualTo("oldest road");
        Chromium.screenshot(writer, "blog-editor");
        writer.findElement(By.cssSelector("button[value='save']")).click();
        writerWait.until(ExpectedConditions.urlContains("/edit?saved"));

        YearMonth month = YearMonth.now(ZoneId.of("Europe/Berlin"));
        String postUrl = url("/@" + username + "/%d/%02d/walking-the-ridgeway".formatted(month.getYear(),
                month.getMonthValue()));
        reader = Chromium.start("America/New_York");
        WebDriverWait readerWait = new WebDriverWait(reader, Duration.ofSeconds(15));
        reader.get(postUrl);
        assertThat(reader.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");

        writer.findElement(By.cssSelector("input[name='publish'][value='now']")).click();
        writer.findElement(By.cssSelector("button[value='save']")).click();
        // The address ends in ?saved already: wait for what only the published post's page says.
        writerWait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Published at"));

        reader.get(url("/@" + username));
        assertThat(reader.findElement(By.cssSelector(".post-summary h2")).getText()).isEqualTo("Walking the Ridgeway");
        reader.findElement(By.linkText("walking")).click();
        readerWait.until(ExpectedConditions.urlContains("/tags/walking"));
        assertThat(reader.getPageSource()).contains("Posts tagged", "Walking the Ridgeway");
        String feedHref = reader.findElement(By.cssSelector("link[rel='alternate'][type='application/atom+xml']"))
                .getAttribute("href");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(client.get().uri(feedHref.replace(url(""), ""))
                .exchange().expectBody(String.class).returnResult().getResponseBody()));
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Walking the Ridgeway");

        reader.findElement(By.linkText("Walking the Ridgeway")).click();
        readerWait.until(ExpectedConditions.urlToBe(postUrl));
        reader.findElement(By.id("comment-name")).sendKeys("Hiker");
        reader.findElement(By.id("comment-text")).sendKeys("Did the same walk in May. Bring water!");
        reader.findElement(By.cssSelector("#comment-form button[type='submit']")).click();
        readerWait.until(ExpectedConditions.urlContains("?commented"));
        assertThat(reader.findElement(By.cssSelector("#comments .notice")).getText()).contains("will appear once");

        writer.get(url("/blog/comments"));
        assertThat(writer.getPageSource()).contains("Did the same walk in May.");
        Chromium.screenshot(writer, "blog-moderation");
        writer.findElement(By.xpath("//button[text()='Approve']")).click();
        writerWait.until(ExpectedConditions.urlContains("/blog/comments?status=pending"));

        reader.get(postUrl);
        // Readers' pages may be cached for a minute; reloading asks the server again, as a person would.
        reader.navigate().refresh();
        assertThat(reader.findElement(By.cssSelector("#comments .comment-body")).getText())
                .isEqualTo("Did the same walk in May. Bring water!");
        assertThat(reader.findElement(By.cssSelector(".post-body strong")).getText()).isEqualTo("oldest road");
        Chromium.screenshot(reader, "blog-post");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
