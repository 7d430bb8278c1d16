package org.honkoku;

import org.honkoku.review.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A {@link WebAppTest} that drives the served application in Debian's headless Chromium: one browser per test class,
 * started before its tests (the class is skipped where Chromium is not installed) and quit after them.
 */
public abstract class BrowserAppTest extends WebAppTest {

    protected static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.startOrSkip();
    }

    @AfterAll
    static void stopBrowser() {
        Browser.quit(browser);
        browser = null;
    }
}
