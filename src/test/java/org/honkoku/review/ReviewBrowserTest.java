package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.honkoku.BrowserAppTest;
import org.honkoku.batch.PipelineComponents;
import org.honkoku.export.Labels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review UI in a real headless Chromium: sign in, find a page, correct characters with the keyboard,
 * clear the queue, draw to look up, meet a conflict; each result checked in the database and the export.
 */
class ReviewBrowserTest extends BrowserAppTest {

    @Autowired
    ReviewService review;
    @Autowired
    PipelineComponents pipeline;

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void signInOpenAPageAndCorrectACharacterWithTheKeyboard() {
        long page = pageId(SAMPLE);
        ReviewBox box = untouchedBox(page);

        signInWithBrowser("bob");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.linkText("samples"))).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.linkText("100241706_00004_2"))).click();
        waitFor().until(d -> d.findElements(By.cssSelector("rect.box")).size() == boxes.onPage(page).size());
        assertThat(browser.findElements(By.cssSelector("#transcription .column")))
                .hasSize((int) boxes.onPage(page).stream().map(ReviewBox::column).distinct().count());

        character(box.id()).click();
        waitFor().until(ExpectedConditions.textToBe(By.id("sel-char"), box.character()));
        assertThat(character(box.id()).getAttribute("class")).contains("selected");
        waitFor().until(d -> (Boolean) browser.executeScript(
                "return document.getElementById('sel-crop').complete && document.querySelector('#scan image') !== null"));
        Browser.screenshot(browser, "page-view");

        // t, the character, Enter: stored as bob's reading, and the view moves on to the next character
        new Actions(browser).sendKeys("t").perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("typed");
        new Actions(browser).sendKeys("ゐ").sendKeys(Keys.ENTER).perform();
        waitFor().until(ExpectedConditions.textToBePresentInElement(character(box.id()), "ゐ"));
        waitFor().until(d -> character(box.id()).getAttribute("class").contains("done"));

        ReviewBox stored = boxes.find(box.id()).orElseThrow();
        assertThat(stored.reviewed()).isEqualTo("U+3090");
        assertThat(stored.reviewedBy()).isEqualTo("bob");
        assertThat(jdbc.queryForObject("SELECT action FROM review_action WHERE box_id = ? AND username = 'bob'",
                String.class, box.id())).isEqualTo("SET");
        List<ReviewBox> onPage = boxes.onPage(page);
        long next = onPage.get(onPage.indexOf(stored) + 1).id();
        assertThat(character(next).getAttribute("class")).contains("selected");

        // and it is in the export, in its column's line at its place
        browser.get(url("/manuscripts/" + manuscriptId(SAMPLE)));
        browser.findElement(By.id("download-text")).click();
        waitFor().until(ExpectedConditions.urlContains("/export/text"));
        List<String> lines = browser.findElement(By.tagName("body")).getText().lines().toList();
        List<Integer> columns = onPage.stream().map(ReviewBox::column).distinct().toList();
        int place = (int) onPage.stream().filter(b -> b.column() == box.column() && b.order() < box.order()).count();
        assertThat(lines.get(1 + columns.indexOf(box.column())).codePoints().toArray()[place]).isEqualTo('ゐ');
    }

    @Test
    void aCorrectionOffersItsLookalikesTheyAreAcceptedWithTheKeyboardAndExported() throws Exception {
        Path twins = twins();
        long pageA = pageId(twins.resolve("a.png"));
        long pageB = pageId(twins.resolve("b.png"));
        // a doubtful character whose twins nobody has decided: the least sure (a correction of a box read nearly surely
        // may leave its twin's reading as it was, and offer no look-alike)
        ReviewBox box = doubtfulTwins().stream().min(java.util.Comparator.comparingDouble(ReviewBox::confidence))
                .orElseThrow();
        ReviewBox twin = sameOutline(box, pageB).orElseThrow();
        String corrected = box.alternatives().get(1).label();

        signInWithBrowser("bob");
        browser.get(url("/pages/" + pageA + "#box-" + box.id()));
        waitFor().until(ExpectedConditions.textToBe(By.id("sel-char"), box.character()));
        press("2");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("lookalikes")));
        WebElement offered = waitFor().until(d -> d.findElement(
                By.cssSelector("#lookalikes-list li[data-id='" + twin.id() + "']")));
        assertThat(offered.findElement(By.cssSelector(".before")).getText()).isEqualTo(box.character());
        assertThat(offered.findElement(By.cssSelector(".after")).getText()).isEqualTo(Labels.character(corrected));
        assertThat(offered.findElement(By.cssSelector("input")).isSelected()).isTrue();
        waitFor().until(d -> (Boolean) browser.executeScript(
                "return [...document.querySelectorAll('#lookalikes-list img')].every(i => i.complete && i.naturalWidth > 0)"));
        Browser.screenshot(browser, "lookalikes");
        int shown = browser.findElements(By.cssSelector("#lookalikes-list li")).size();

        // a: every checked look-alike accepted, as bob's decision
        press("a");
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("lookalikes")));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), shown + " look-alikes accepted"));
        ReviewBox accepted = boxes.find(twin.id()).orElseThrow();
        assertThat(accepted.reviewed()).isEqualTo(corrected);
        assertThat(accepted.reviewedBy()).isEqualTo("bob");
        assertThat(jdbc.queryForList("SELECT action FROM review_action WHERE box_id = ?", String.class, twin.id()))
                .containsExactly("LOOKALIKE");

        // and in the manuscript's export, on page b, in its column's line at its place
        browser.get(url("/manuscripts/" + manuscriptId(twins.resolve("a.png"))));
        browser.findElement(By.id("download-text")).click();
        waitFor().until(ExpectedConditions.urlContains("/export/text"));
        List<String> lines = browser.findElement(By.tagName("body")).getText().lines().toList();
        List<ReviewBox> onB = boxes.onPage(pageB).stream().filter(x -> !x.isDeleted()).toList();
        List<Integer> columns = onB.stream().map(ReviewBox::column).distinct().toList();
        int place = (int) onB.stream().filter(x -> x.column() == twin.column() && x.order() < twin.order()).count();
        int header = lines.indexOf("# b");
        assertThat(header).isPositive();
        assertThat(lines.get(header + 1 + columns.indexOf(twin.column())).codePoints().toArray()[place])
                .isEqualTo(Labels.character(corrected).codePointAt(0));
    }

    @Test
    void splitMergeAndDeleteFromTheKeyboardInThePageView() {
        long page = pageId(SAMPLE);
        ReviewBox tall = boxes.onPage(page).stream().filter(b -> b.reviewedBy() == null && !b.geometryReviewed()
                && b.h() >= 40).findFirst().orElseThrow();
        int count = boxes.onPage(page).size();
        signInWithBrowser("bob");
        browser.get(url("/pages/" + page + "#box-" + tall.id()));
        waitFor().until(ExpectedConditions.textToBe(By.id("sel-char"), tall.character()));

        // s: two boxes where there was one, the upper half selected after the page is drawn again
        press("s");
        waitFor().until(d -> d.findElements(By.cssSelector(".char")).size() == count + 1);
        waitFor().until(d -> character(tall.id()).getAttribute("class").contains("selected"));
        ReviewBox upper = boxes.find(tall.id()).orElseThrow();
        assertThat(upper.h()).isLessThan(tall.h());
        assertThat(upper.geometryReviewed()).isTrue();
        List<ReviewBox> split = boxes.onPage(page);
        ReviewBox lower = split.get(split.indexOf(upper) + 1);
        assertThat(lower.y()).isEqualTo(upper.y() + upper.h());

        // m: the halves joined again into the old outline
        press("m");
        waitFor().until(d -> d.findElements(By.cssSelector(".char")).size() == count);
        ReviewBox joined = boxes.find(tall.id()).orElseThrow();
        assertThat(List.of(joined.x(), joined.y(), joined.w(), joined.h()))
                .containsExactly(tall.x(), tall.y(), tall.w(), tall.h());
        assertThat(boxes.find(lower.id()).orElseThrow().isDeleted()).isTrue();

        // d: a false box gone from the page (kept as deleted), the next character selected
        waitFor().until(d -> character(tall.id()).getAttribute("class").contains("selected"));
        List<ReviewBox> before = boxes.onPage(page);
        long after = before.get(before.indexOf(joined) + 1).id();
        press("d");
        waitFor().until(d -> d.findElements(By.cssSelector(".char")).size() == count - 1);
        assertThat(browser.findElements(By.cssSelector(".char[data-id='" + tall.id() + "']"))).isEmpty();
        assertThat(boxes.find(tall.id()).orElseThrow().isDeleted()).isTrue();
        waitFor().until(d -> character(after).getAttribute("class").contains("selected"));
        assertThat(jdbc.queryForList("SELECT action FROM review_action WHERE box_id = ? ORDER BY id", String.class,
                tall.id())).containsExactly("SPLIT", "MERGE", "DELETE");
    }

    @Test
    void theQueueIsClearedWithTheKeyboardLeastConfidentFirst() {
        jdbc.update("DELETE FROM queue_lease"); // the reviewers of earlier tests have gone
        long manuscript = manuscriptId(SAMPLE);
        signInWithBrowser("carol");
        browser.get(url("/manuscripts/" + manuscript));
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("queue-link"))).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("item")));

        long first = shownId();
        assertThat(first).isEqualTo(leastConfident(manuscript));
        waitFor().until(d -> (Boolean) browser.executeScript(
                "return document.getElementById('crop').complete && document.getElementById('context').complete"));
        Browser.screenshot(browser, "review-queue");

        long started = System.nanoTime();
        ReviewBox firstBox = boxes.find(first).orElseThrow();
        press("2");
        long second = nextShown(first);
        press(Keys.ENTER);
        long third = nextShown(second);
        press("r");
        long fourth = nextShown(third);
        press("j");
        long fifth = nextShown(fourth);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(boxes.find(first).orElseThrow().reviewed()).isEqualTo(firstBox.alternatives().get(1).label());
        assertThat(boxes.find(second).orElseThrow().reviewed()).isEqualTo(boxes.find(second).orElseThrow().predicted());
        assertThat(boxes.find(third).orElseThrow().reviewed()).isEqualTo("rare");
        assertThat(boxes.find(fourth).orElseThrow().reviewed()).as("skipped, not decided").isNull();
        assertThat(fifth).isNotEqualTo(fourth);
        assertThat(List.of(first, second, third)).allSatisfy(id ->
                assertThat(boxes.find(id).orElseThrow().reviewedBy()).isEqualTo("carol"));
        // several characters a minute, without the mouse: three decisions and a skip well inside one
        assertThat(seconds).isLessThan(60);
        assertThat(browser.findElement(By.id("stats")).getText()).startsWith("3 done");
    }

    @Test
    void drawingACharacterProposesTheClassifiersCandidates() throws Exception {
        signInWithBrowser("bob");
        browser.get(url("/queue?manuscript=" + manuscriptId(SAMPLE)));
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("item")));
        long shown = shownId();

        // strokes with the mouse: the canvas takes them and the classifier answers with five candidates
        WebElement canvas = browser.findElement(By.id("draw"));
        new Actions(browser).moveToElement(canvas, -40, -60).clickAndHold().moveByOffset(80, 0).release()
                .moveToElement(canvas, 0, -70).clickAndHold().moveByOffset(0, 140).release().perform();
        browser.findElement(By.id("draw-lookup")).click();
        waitFor().until(d -> d.findElements(By.cssSelector("#draw-candidates .candidate")).size() == 5);

        // a real handwritten character put on the canvas, dark on light, is read as the classifier reads it
        KkanjiSample.Character sample = KkanjiSample.readable(pipeline.classifier());
        byte[] pixels = new byte[64 * 64];
        sample.scan().get(0, 0, pixels);
        int[] gray = new int[pixels.length];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = pixels[i] & 0xFF;
        }
        browser.findElement(By.id("draw-clear")).click();
        browser.executeScript("""
                const gray = arguments[0];
                const small = document.createElement('canvas');
                small.width = 64; small.height = 64;
                const image = small.getContext('2d').createImageData(64, 64);
                for (let i = 0; i < gray.length; i++) {
                  image.data.set([gray[i], gray[i], gray[i], 255], i * 4);
                }
                small.getContext('2d').putImageData(image, 0, 0);
                const canvas = document.getElementById('draw');
                canvas.getContext('2d').drawImage(small, 0, 0, canvas.width, canvas.height);""",
                java.util.Arrays.stream(gray).boxed().toList());
        browser.findElement(By.id("draw-lookup")).click();
        waitFor().until(d -> sample.label().equals(d.findElement(By.cssSelector("#draw-candidates .candidate"))
                .getAttribute("data-label")));

        // choosing a candidate sets the reading of the character under review
        browser.findElement(By.cssSelector("#draw-candidates .candidate")).click();
        nextShown(shown);
        assertThat(boxes.find(shown).orElseThrow().reviewed()).isEqualTo(sample.label());
    }

    @Test
    void aConflictIsShownAndNothingIsOverwritten() {
        long page = pageId(SAMPLE);
        ReviewBox box = untouchedBox(page);
        signInWithBrowser("bob");
        browser.get(url("/pages/" + page + "#box-" + box.id()));
        waitFor().until(ExpectedConditions.textToBe(By.id("sel-char"), box.character()));

        // meanwhile alice decides the same character
        review.apply(box.id(), new ReviewRequest(ReviewAction.SET, box.version(), "U+3091"), "alice");
        press(Keys.ENTER);

        WebElement message = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).startsWith("alice changed this character at ")
                .contains("it now reads ゑ (reviewed)", "Your change was not saved");
        assertThat(browser.findElement(By.id("sel-char")).getText()).isEqualTo("ゑ");
        assertThat(boxes.find(box.id()).orElseThrow().reviewed()).isEqualTo("U+3091");
        assertThat(boxes.find(box.id()).orElseThrow().reviewedBy()).isEqualTo("alice");
    }

    @Test
    void signedOutTheBrowserGetsOnlyTheSignInPage() {
        long page = pageId(SAMPLE);
        for (String path : List.of("/pages/" + page, "/pages/" + page + "/image", "/queue")) {
            browser.get(url(path));
            assertThat(browser.getCurrentUrl()).endsWith("/login");
            assertThat(browser.findElements(By.id("sign-in"))).hasSize(1);
        }
        browser.findElement(By.id("username")).sendKeys("bob");
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.id("sign-in")).click();
        // the form posts and the browser loads /login?error: wait for that page, not the one the click left
        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
        assertThat(error.getText()).contains("Wrong user name or password");
    }

    private void signInWithBrowser(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor().until(d -> !d.getCurrentUrl().contains("/login"));
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".who")));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).isEqualTo(user);
    }

    private long leastConfident(long manuscript) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT b.id FROM box b JOIN page p ON p.id = b.page_id
                WHERE p.manuscript_id = ? AND b.reviewed IS NULL ORDER BY b.confidence, b.id FETCH FIRST 1 ROWS ONLY""",
                manuscript);
        return ((Number) row.get("ID")).longValue();
    }

    private long shownId() {
        return Long.parseLong(browser.findElement(By.id("item")).getAttribute("data-id"));
    }

    private long nextShown(long previous) {
        waitFor().until(d -> shownId() != previous);
        return shownId();
    }

    private void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private WebElement character(long id) {
        return browser.findElement(By.cssSelector(".char[data-id='" + id + "']"));
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    static {
        // the labels the UI shows are those of the exports
        assert Labels.character("U+3090").equals("ゐ");
    }
}
