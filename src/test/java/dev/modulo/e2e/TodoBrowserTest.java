package dev.modulo.e2e;

import java.time.Duration;
import java.util.List;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The to-do list in a real browser: quick-add five tasks, see them land in Today and Upcoming,
 * drag one to the top and find the order still there after a reload, and complete a weekly task
 * to see the next one appear.
 */
@ModuloIntegrationTest
class TodoBrowserTest {

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void quickAddDragToReorderAndCompleteARepeatingTask() throws Exception {
        browser = Chromium.start("Europe/Berlin");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Chromium.signUp(browser, url(""), TestBrowser.uniqueName("lists"), "one thing at a time");

        browser.findElement(By.linkText("To-do")).click();
        wait.until(ExpectedConditions.urlContains("/todo/today"));
        browser.findElement(By.id("new-list")).sendKeys("Home" + Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches(".*/todo/lists/\\d+$"));
        String listUrl = browser.getCurrentUrl();

        for (String line : List.of("Buy bread today #shop", "Pay rent tomorrow 9am !high #home",
                "Water the plants every week on mon, thu", "Call the plumber in 3 days #house", "Read a book !low")) {
            browser.findElement(By.id("line")).sendKeys(line + Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("open-tasks"), line.split(" ")[0]));
        }
        assertThat(titles()).containsExactly("Buy bread", "Pay rent", "Water the plants", "Call the plumber", "Read a book");

        // Drag "Read a book" above "Buy bread" with the page's own drag and drop.
        List<WebElement> items = browser.findElements(By.cssSelector("#open-tasks > li.task"));
        drag(items.get(4), items.get(0));
        wait.until(driver -> "true".equals(String.valueOf(((ChromeDriver) driver)
                .executeScript("return document.getElementById('open-tasks').hasAttribute('data-saved-order')"))));
        assertThat(titles()).containsExactly("Read a book", "Buy bread", "Pay rent", "Water the plants", "Call the plumber");
        // The ↑ / ↓ buttons follow the new order: none up for the first, none down for the last.
        assertThat(browser.findElements(By.cssSelector("#open-tasks > li.task:first-child button[aria-label$=' up']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#open-tasks > li.task:first-child button[aria-label$=' down']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#open-tasks > li.task:last-child button[aria-label$=' down']"))).isEmpty();
        Chromium.screenshot(browser, "todo-list");
        browser.navigate().refresh();
        assertThat(titles()).as("after a reload").containsExactly("Read a book", "Buy bread", "Pay rent",
                "Water the plants", "Call the plumber");

        browser.findElement(By.linkText("Today")).click();
        wait.until(ExpectedConditions.urlContains("/todo/today"));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Buy bread").doesNotContain("Pay rent");
        browser.findElement(By.linkText("Upcoming")).click();
        wait.until(ExpectedConditions.urlContains("/todo/upcoming"));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Pay rent", "Call the plumber");

        browser.get(listUrl);
        WebElement plants = browser.findElements(By.cssSelector("#open-tasks > li.task")).stream()
                .filter(item -> item.getText().contains("Water the plants")).findFirst().orElseThrow();
        String firstDue = plants.findElement(By.cssSelector(".due")).getText();
        // Ticking it is one small request that updates the page in place: no navigation happens.
        browser.executeScript("window.stillThisPage = true");
        plants.findElement(By.cssSelector("button.check")).click();
        wait.until(driver -> driver.findElements(By.cssSelector(".done-tasks li.task")).size() == 1);
        WebElement next = browser.findElements(By.cssSelector("#open-tasks > li.task")).stream()
                .filter(item -> item.getText().contains("Water the plants")).findFirst().orElseThrow();
        assertThat(next.findElement(By.cssSelector(".due")).getText()).isNotEqualTo(firstDue);
        assertThat(next.getText()).contains("↻ every week on Mon, Thu");
        assertThat(browser.executeScript("return window.stillThisPage === true")).isEqualTo(true);
        // And the page still works after the swap: drag again.
        List<WebElement> after = browser.findElements(By.cssSelector("#open-tasks > li.task"));
        drag(after.get(after.size() - 1), after.get(0));
        wait.until(driver -> "true".equals(String.valueOf(((ChromeDriver) driver)
                .executeScript("return document.getElementById('open-tasks').hasAttribute('data-saved-order')"))));
        Chromium.screenshot(browser, "todo-after-complete");
    }

    private List<String> titles() {
        return browser.findElements(By.cssSelector("#open-tasks > li.task .task-title")).stream()
                .map(WebElement::getText).toList();
    }

    /**
     * HTML5 drag and drop as Chromium dispatches it (Selenium's mouse actions do not start a native
     * drag in headless mode): dragstart on the source, dragover on the upper half of the target, drop, dragend.
     */
    private void drag(WebElement source, WebElement target) {
        browser.executeScript("""
                const source = arguments[0], target = arguments[1];
                const data = new DataTransfer();
                const box = target.getBoundingClientRect();
                const at = {bubbles: true, cancelable: true, dataTransfer: data,
                            clientX: box.left + 10, clientY: box.top + 2};
                source.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: data}));
                target.dispatchEvent(new DragEvent('dragover', at));
                target.dispatchEvent(new DragEvent('drop', at));
                source.dispatchEvent(new DragEvent('dragend', {bubbles: true, cancelable: true, dataTransfer: data}));
                """, source, target);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
