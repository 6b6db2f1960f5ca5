package dev.modulo.e2e;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import dev.modulo.testing.ModuloIntegrationTest;
import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar in a real browser: open the month, click a day, fill in the editor (its script
 * hides the time fields for an all-day event and shows the weekdays for a weekly one), save, and
 * find the event in the grid on each of its days, then in the week view at its hour.
 */
@ModuloIntegrationTest
class CalendarBrowserTest {

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
    void clickADayCreateAWeeklyEventAndSeeItInTheGrid() throws Exception {
        browser = Chromium.start("Europe/Berlin");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Chromium.signUp(browser, url(""), TestBrowser.uniqueName("days"), "mornings by the river");

        browser.findElement(By.linkText("Calendar")).click();
        wait.until(ExpectedConditions.urlContains("/calendar/month"));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        assertThat(browser.findElement(By.cssSelector("td.today")).getDomAttribute("data-date")).isEqualTo(today.toString());

        // The first Monday of this month's grid that is in the month: click its number.
        LocalDate day = today.withDayOfMonth(1);
        while (day.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            day = day.plusDays(1);
        }
        browser.findElement(By.cssSelector("td[data-date='" + day + "'] a.day-number")).click();
        wait.until(ExpectedConditions.urlContains("/calendar/events/new"));
        assertThat(browser.findElement(By.id("startDate")).getDomProperty("value")).isEqualTo(day.toString());

        WebElement startTime = browser.findElement(By.id("startTime"));
        browser.findElement(By.id("allDay")).click();
        assertThat(startTime.isDisplayed()).as("all-day hides the times").isFalse();
        browser.findElement(By.id("allDay")).click();
        assertThat(startTime.isDisplayed()).isTrue();

        browser.findElement(By.id("title")).sendKeys("Swimming");
        setTime(startTime, "07:30");
        setTime(browser.findElement(By.id("endTime")), "08:15");
        new Select(browser.findElement(By.id("repeat"))).selectByValue("weekly");
        WebElement thursday = browser.findElement(By.cssSelector("input[name='weekdays'][value='TH']"));
        assertThat(thursday.isDisplayed()).as("weekly shows the weekdays").isTrue();
        thursday.click();
        browser.findElement(By.cssSelector("input[name='ends'][value='count']")).click();
        browser.findElement(By.cssSelector("input[name='count']")).sendKeys("4");
        browser.findElement(By.cssSelector("label.swatch.colour-green input")).click();
        Chromium.screenshot(browser, "calendar-editor");
        browser.findElement(By.cssSelector("#event-editor button[type='submit']")).click();

        wait.until(ExpectedConditions.urlContains("/calendar/month?date=" + day));
        String monday = browser.findElement(By.cssSelector("td[data-date='" + day + "']")).getText();
        String thursdayCell = browser.findElement(By.cssSelector("td[data-date='" + day.plusDays(3) + "']")).getText();
        assertThat(monday).contains("07:30", "Swimming");
        assertThat(thursdayCell).contains("07:30", "Swimming");
        assertThat(browser.findElement(By.cssSelector("td[data-date='" + day.plusDays(1) + "']")).getText())
                .doesNotContain("Swimming");
        Chromium.screenshot(browser, "calendar-month");

        browser.findElement(By.linkText("Week")).click();
        wait.until(ExpectedConditions.urlContains("/calendar/week"));
        browser.get(url("/calendar/week?date=" + day));
        assertThat(browser.findElements(By.cssSelector(".week-grid .event-chip"))).extracting(chip -> chip.getText().lines().findFirst().orElse(""))
                .containsExactly("07:30 Swimming", "07:30 Swimming");
        Chromium.screenshot(browser, "calendar-week");

        browser.findElements(By.cssSelector(".week-grid .event-chip")).get(1).click();
        wait.until(ExpectedConditions.urlContains("?at="));
        assertThat(browser.findElement(By.cssSelector("[data-testid='event-when']")).getText()).contains("07:30", "08:15");
        assertThat(browser.findElement(By.cssSelector(".repeats")).getText()).isEqualTo("Every week on Mon, Thu, 4 times");
    }

    /** Types a time into an {@code <input type=time>} the way Chromium's field expects it. */
    private void setTime(WebElement field, String hhmm) {
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                field, hhmm);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
