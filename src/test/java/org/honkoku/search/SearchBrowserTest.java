package org.honkoku.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.honkoku.WebAppTest;
import org.honkoku.review.Browser;
import org.honkoku.review.ReviewBox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Search in a real headless Chromium: sign in, type in the header's search box, follow a hit to its page, where the
 * hit's boxes are marked on the scan and in the transcription.
 */
class SearchBrowserTest extends WebAppTest {

    @Test
    void aHitOpensItsPageWithItsBoxesHighlighted() throws Exception {
        ChromeDriver browser = Browser.startOrSkip();
        try {
            followAHit(browser);
        } finally {
            browser.quit();
        }
    }

    private void followAHit(ChromeDriver browser) {
        long page = pageId(SAMPLE);
        List<ReviewBox> text = boxes.onPage(page);
        int start = text.size() / 3;
        String query = PageTexts.typed(text, start, start + 2);
        List<String> hitBoxes = List.of(String.valueOf(text.get(start).id()), String.valueOf(text.get(start + 1).id()));

        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("bob");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("search-q")))
                .sendKeys(query, Keys.ENTER);
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("search-summary")));
        Browser.screenshot(browser, "search");

        WebElement hit = browser.findElements(By.cssSelector("a.hit-link")).stream()
                .filter(a -> a.getAttribute("href").contains("/pages/" + page + "?hl=" + String.join(",", hitBoxes) + "#"))
                .findFirst().orElseThrow();
        assertThat(hit.findElement(By.tagName("mark")).getText()).isEqualTo(PageTexts.shown(text, start, start + 2));
        hit.click();

        waitFor(browser).until(d -> !d.findElements(By.cssSelector("rect.box.hit")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("rect.box.hit"))).extracting(e -> e.getAttribute("data-id"))
                .containsExactlyElementsOf(hitBoxes);
        assertThat(browser.findElements(By.cssSelector("#transcription .char.hit")))
                .extracting(e -> e.getAttribute("data-id")).containsExactlyElementsOf(hitBoxes);
        assertThat(browser.findElement(By.cssSelector("#transcription .char.selected")).getAttribute("data-id"))
                .isEqualTo(hitBoxes.get(0));
        Browser.screenshot(browser, "search-hit");
    }

    private static WebDriverWait waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
