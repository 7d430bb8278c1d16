package org.honkoku.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.honkoku.BrowserAppTest;
import org.honkoku.review.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The runs page in a real headless Chromium: an admin uploads a real scan with the file input, the run starts,
 * the page's progress bar (its script polling the server) reaches done, the run is in the job history, and its
 * manuscript opens with the page transcribed.
 */
class RunsBrowserTest extends BrowserAppTest {

    /** A real page no other web test transcribes (its bytes must be new to the shared database). */
    private static final Path PAGE = Path.of("samples/hnsd001-011.jpg").toAbsolutePath();
    @Test
    void anAdminUploadsAScanWatchesItsRunToTheEndAndOpensTheManuscript() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("nav-runs"))).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("upload")));
        // whatever ran before (another test class's run) has ended: the button is there to press
        waitFor(Duration.ofMinutes(5)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("start")).isEnabled();
        });

        browser.findElement(By.id("name")).sendKeys("browser upload");
        browser.findElement(By.id("files")).sendKeys(PAGE.toString());
        browser.findElement(By.id("start")).click();
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "the run has started"));
        assertThat(browser.findElement(By.id("start")).isEnabled()).isFalse();

        // the bar fills as the script polls; at the end the page shows the result
        waitFor(Duration.ofMinutes(5)).until(ExpectedConditions.textToBe(By.id("run-state"), "done"));
        WebElement bar = browser.findElement(By.id("run-progress"));
        assertThat(bar.getAttribute("value")).isEqualTo("1");
        assertThat(bar.getAttribute("max")).isEqualTo("1");
        assertThat(browser.findElement(By.id("run-count")).getText()).isEqualTo("1 / 1 pages, 0 failed");
        assertThat(browser.findElement(By.id("run-summary")).getText())
                .startsWith("transcribe completed: 1 pages transcribed, 0 failed, 0 already known");
        Path folder = UPLOADS.resolve("browser upload");
        long page = pageId(folder.resolve(PAGE.getFileName()));
        assertThat(jdbc.queryForObject("SELECT status FROM page WHERE id = ?", String.class, page)).isEqualTo("DONE");
        long execution = jdbc.queryForObject("SELECT claimed_by FROM page WHERE id = ?", Long.class, page);

        // the run in the history, with what it did
        WebElement row = browser.findElement(By.cssSelector("#history tr[data-execution='" + execution + "']"));
        assertThat(row.getText()).contains("transcribe", "COMPLETED", folder.toString());
        Browser.screenshot(browser, "runs");

        browser.findElement(By.cssSelector("#run-result a.manuscript-link")).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.tagName("h1"), "browser upload"));
        assertThat(browser.findElement(By.linkText("hnsd001-011")).getAttribute("href")).endsWith("/pages/" + page);
    }

    private WebDriverWait waitFor(Duration limit) {
        WebDriverWait wait = new WebDriverWait(browser, limit, Duration.ofMillis(250));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
