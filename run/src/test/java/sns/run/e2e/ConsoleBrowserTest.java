package sns.run.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import sns.mastodon.internal.MastodonStub;
import sns.run.process.BridgeProcess;

/**
 * The console in a real headless Chromium, as a camera owner uses it: log in, import a config.toml, change a
 * route on the Configuration page, watch a camera's photo arrive with its thumbnail, retry the job its destination
 * refused. Screenshots go to {@code run/target/screenshots/} as build artefacts. A second browser with JavaScript
 * switched off uses the same page.
 */
@Timeout(300)
class ConsoleBrowserTest {

    static final String PAGE = ConsoleClient.PAGE;

    @TempDir
    Path scratch;

    static Path screenshots() {
        return Path.of(System.getProperty("sns.jar", "target/sns.jar")).toAbsolutePath().getParent()
                .resolve("screenshots");
    }

    /** Reloads the page until a job row with {@code status} is there. */
    static WebElement awaitJob(ConsoleBrowser browser, String status, int seconds) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(seconds), Duration.ofMillis(300)).until(d -> {
            d.navigate().refresh();
            List<WebElement> rows = d.findElements(By.cssSelector("tr.sns-job[data-status='" + status + "']"));
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    /** The note the page shows after a button was pressed (the post, its redirect and the new page loaded). */
    static WebElement awaitNote(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".sns-note")));
    }

    @Test
    void ownerImportsAConfigChangesARouteSeesTheUploadAndRetriesIt() throws Exception {
        assertTrue(ConsoleBrowser.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "store");
        setup.refuse(true);
        try (BridgeProcess bridge = setup.start();
                ConsoleBrowser browser = new ConsoleBrowser(bridge.port(), ConsoleClient.basic(home),
                        scratch.resolve("profile"), true)) {
            WebDriver driver = browser.driver;
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);
            browser.open(PAGE);
            assertTrue(driver.getTitle().contains("SNS Bridge"), driver.getTitle());
            assertTrue(driver.findElement(By.id("uploads")).isDisplayed());

            // import a reference server's config.toml through the upload form
            Path toml = Files.writeString(scratch.resolve("config.toml"), "SENDERS = [\"Camera@samsungcamera.com\"]\n"
                    + "[ACTIONS]\nfacebook = \"drop\"\n", StandardCharsets.UTF_8);
            driver.findElement(By.cssSelector("form.sns-import input[type=file]")).sendKeys(toml.toString());
            driver.findElement(By.cssSelector("form.sns-import button")).click();
            WebElement note = new WebDriverWait(driver, Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".sns-note")));
            assertEquals("config.toml imported into sns.core.", note.getText());
            ConsolePageTest.awaitPage(console, "/system/console/status-Configurations.txt",
                    p -> p.contains("routes = [facebook = drop]"), 15);

            // change the route on the Configuration page: facebook goes to the shell destination
            browser.open("/system/console/configMgr/sns.core");
            WebElement routes;
            try {
                routes = new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions
                        .visibilityOfElementLocated(By.cssSelector("form textarea[name='routes']")));
            } catch (org.openqa.selenium.TimeoutException e) {
                Files.createDirectories(screenshots());
                Files.writeString(screenshots().resolve("configuration-page.html"), driver.getPageSource());
                browser.screenshot(screenshots(), "configuration-page");
                throw e;
            }
            routes.clear();
            routes.sendKeys("facebook = shell");
            browser.screenshot(screenshots(), "console-configuration-route");
            driver.findElement(By.xpath("//div[contains(@class,'ui-dialog-buttonpane')]//button[normalize-space()="
                    + "'Save']")).click();
            String printed = ConsolePageTest.awaitPage(console, "/system/console/status-Configurations.txt",
                    p -> p.contains("routes = [facebook = shell]"), 15);
            assertTrue(printed.contains("routes = [facebook = shell]"), printed);

            // a camera sends a photo; the shell destination refuses it for good
            ConsolePageTest.upload(bridge.port(), "SAM_0042.JPG", ExifJpeg.photo("browser", 1024, 768));
            browser.open(PAGE);
            WebElement failed = awaitJob(browser, "FAILED", 30);
            assertTrue(failed.getText().contains("quota exceeded"), failed.getText());
            assertTrue(failed.getText().contains("NX300"), failed.getText());
            assertTrue(failed.getText().contains("shell"), failed.getText());
            WebElement thumb = failed.findElement(By.cssSelector("img.sns-thumb"));
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> ((Number) browser.driver.executeScript(
                    "return arguments[0].complete ? arguments[0].naturalWidth : 0", thumb)).intValue() > 0);
            assertEquals((long) ExifJpeg.THUMB_WIDTH, browser.driver.executeScript("return arguments[0].naturalWidth",
                    thumb), "the embedded preview, not the 1024-pixel photo");
            assertEquals((long) ExifJpeg.THUMB_HEIGHT, browser.driver.executeScript(
                    "return arguments[0].naturalHeight", thumb));
            browser.screenshot(screenshots(), "console-failed-job");

            // the destination works again: press Retry
            setup.refuse(false);
            failed.findElement(By.cssSelector("button.sns-retry")).click();
            note = awaitNote(driver);
            assertTrue(note.getText().endsWith("queued again."), note.getText());
            WebElement done = awaitJob(browser, "DONE", 30);
            assertTrue(done.getText().contains("delivered"), done.getText());
            String job = done.getAttribute("data-job");
            assertTrue(Files.readString(setup.delivered).contains(job));
            assertTrue(driver.findElement(By.cssSelector("tr.sns-camera")).getText()
                    .contains("Camera@samsungcamera.com"));
            Path shot = browser.screenshot(screenshots(), "console-sns");
            assertTrue(Files.size(shot) > 10_000, "a real screenshot");
        }
    }

    /**
     * Issue 16: the owner installs a bundle, edits a configuration and stops a bundle through the Felix pages, each a
     * same-origin request the console's cross-site guard lets through; a page of another site that the same browser
     * opens posts a configuration change to the console and is refused.
     */
    @Test
    void ownerInstallsEditsAndStopsThroughTheConsoleButAForeignPageCannot() throws Exception {
        assertTrue(ConsoleBrowser.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "store");
        Path jar = scratch.resolve("sample.jar");
        sns.run.osgi.SampleBundle.write(jar, "sns.sample.browser");
        try (BridgeProcess bridge = setup.start();
                ConsoleBrowser browser = new ConsoleBrowser(bridge.port(), ConsoleClient.basic(home),
                        scratch.resolve("profile"), true);
                ForeignSite evil = new ForeignSite(bridge.port())) {
            WebDriver driver = browser.driver;
            ConsoleClient console = ConsoleClient.of(bridge.port(), home);

            // install (and start) a bundle from Bundles > Install/Update
            browser.open("/system/console/bundles");
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("button.installButton"))).click();
            WebElement dialog = new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions
                    .visibilityOfElementLocated(By.id("uploadDialog")));
            dialog.findElement(By.name("bundlestart")).click();
            dialog.findElement(By.cssSelector("input[type=file]")).sendKeys(jar.toString());
            browser.screenshot(screenshots(), "console-bundle-install");
            driver.findElement(By.xpath("//div[contains(@class,'ui-dialog') and .//div[@id='uploadDialog']]"
                    + "//div[contains(@class,'ui-dialog-buttonpane')]//button")).click();
            awaitBundleState(console, "sns.sample.browser", "Active");

            // edit a configuration: the allowed cameras
            browser.open("/system/console/configMgr/sns.core");
            WebElement senders = new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions
                    .visibilityOfElementLocated(By.cssSelector("form [name='senders']")));
            senders.clear();
            senders.sendKeys("nx500@example.com");
            driver.findElement(By.xpath("//div[contains(@class,'ui-dialog-buttonpane')]//button[normalize-space()="
                    + "'Save']")).click();
            String printed = ConsolePageTest.awaitPage(console, "/system/console/status-Configurations.txt",
                    p -> p.contains("senders = [nx500@example.com]"), 15);
            assertTrue(printed.contains("senders = [nx500@example.com]"), printed);

            // stop that bundle with its row's Stop button
            browser.open("/system/console/bundles");
            int id = ConsoleClient.bundleId(console, "sns.sample.browser");
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("tr#entry" + id + " ul.icons li:nth-child(2)"))).click(); // Stop
            awaitBundleState(console, "sns.sample.browser", "Resolved");
            browser.screenshot(screenshots(), "console-bundle-stopped");

            // a page of another site, opened in the same browser, submits a configuration change to the console:
            // the browser sends the owner's credentials along, and the guard refuses it
            driver.get(evil.page());
            WebElement refused = new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions
                    .visibilityOfElementLocated(By.tagName("pre")));
            assertTrue(refused.getText().startsWith("Refused: "), driver.getPageSource());
            browser.screenshot(screenshots(), "console-foreign-page-refused");
            printed = console.get("/system/console/status-Configurations.txt").body();
            assertTrue(printed.contains("senders = [nx500@example.com]"), printed);
            assertFalse(printed.contains("evil@example.org"), printed);
            assertTrue(bridge.logUpToNow().contains("Web Console: refused POST /system/console/configMgr/sns.core"),
                    bridge.log());
        }
    }

    /** Waits until the console lists the bundle in {@code state}, at most 20 s; fails otherwise. */
    private static void awaitBundleState(ConsoleClient console, String symbolicName, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String now = ConsoleClient.bundleState(console, symbolicName);
        while (!now.equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = ConsoleClient.bundleState(console, symbolicName);
        }
        assertEquals(state, now, symbolicName);
    }

    /**
     * A web site on another host name (localhost instead of 127.0.0.1, so another site to the browser) whose page
     * posts a configuration change to the console as soon as it loads.
     */
    private static final class ForeignSite implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        ForeignSite(int consolePort) throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            byte[] html = ("<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">"
                    + "<form method=\"post\" action=\"http://127.0.0.1:" + consolePort
                    + "/system/console/configMgr/sns.core\">"
                    + "<input type=\"hidden\" name=\"apply\" value=\"true\">"
                    + "<input type=\"hidden\" name=\"action\" value=\"ajaxConfigManager\">"
                    + "<input type=\"hidden\" name=\"propertylist\" value=\"senders\">"
                    + "<input type=\"hidden\" name=\"senders\" value=\"evil@example.org\">"
                    + "</form></body></html>").getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, html.length);
                exchange.getResponseBody().write(html);
                exchange.close();
            });
            server.start();
        }

        String page() {
            return "http://localhost:" + server.getAddress().getPort() + "/cats.html";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void basicViewsWorkWithJavaScriptSwitchedOff() throws Exception {
        assertTrue(ConsoleBrowser.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "shell");
        setup.refuse(true);
        try (BridgeProcess bridge = setup.start();
                ConsoleBrowser browser = new ConsoleBrowser(bridge.port(), ConsoleClient.basic(home),
                        scratch.resolve("profile"), false)) {
            WebDriver driver = browser.driver;
            ConsolePageTest.upload(bridge.port(), "SAM_0007.JPG", ExifJpeg.photo("nojs", 800, 600));
            browser.open(PAGE);
            WebElement failed = awaitJob(browser, "FAILED", 30);
            // without scripts the image still loads: 160 wide by its attribute, 120 high only if it decoded
            WebElement thumb = failed.findElement(By.cssSelector("img.sns-thumb"));
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> thumb.getSize().getHeight() == 120);
            assertTrue(driver.findElement(By.cssSelector("tr.sns-session")).getText().contains("facebook"));
            browser.screenshot(screenshots(), "console-no-javascript");

            setup.refuse(false);
            failed.findElement(By.cssSelector("button.sns-retry")).click();
            assertTrue(awaitNote(driver).getText().endsWith("queued again."));
            WebElement done = awaitJob(browser, "DONE", 30);
            done.findElement(By.cssSelector("button.sns-discard")).click();
            assertTrue(awaitNote(driver).getText().endsWith("discarded."));
            assertTrue(driver.findElements(By.cssSelector("tr.sns-job")).isEmpty());

            browser.open("/system/console/status-sns-health");
            assertTrue(driver.getPageSource().contains("Free&nbsp;space&nbsp;in&nbsp;the&nbsp;data&nbsp;folder"),
                    driver.getPageSource());
            assertFalse(driver.getPageSource().contains("HTTP ERROR"));
        }
    }

    @Test
    void ownerLinksAMastodonAccountFromTheLoginPage() throws Exception {
        assertTrue(ConsoleBrowser.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        Path home = scratch.resolve("home");
        ConsoleHome setup = new ConsoleHome(home, "store");
        try (MastodonStub mastodon = new MastodonStub();
                BridgeProcess bridge = setup.start();
                ConsoleBrowser browser = new ConsoleBrowser(bridge.port(), ConsoleClient.basic(home),
                        scratch.resolve("profile"), true)) {
            WebDriver driver = browser.driver;
            browser.open("/system/console/sns-login");
            WebElement form = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(300)).until(d -> {
                d.navigate().refresh();
                // Flickr's section comes first; the first server-address field is the default Mastodon instance's
                List<WebElement> fields = d.findElements(By.cssSelector("#sns-login input[name=baseUrl]"));
                return fields.isEmpty() ? null : fields.get(0).findElement(By.xpath("./ancestor::form"));
            });
            form.findElement(By.name("baseUrl")).sendKeys(mastodon.baseUrl());
            browser.screenshot(screenshots(), "console-destination-login");
            form.findElement(By.cssSelector("button[type=submit]")).click();

            // the owner opens the authorization page in a new tab, approves, copies the code
            String authorize = new WebDriverWait(driver, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("authorize"))).getAttribute("href");
            String console = driver.getWindowHandle();
            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(authorize);
            String code = driver.findElement(By.id("code")).getText();
            driver.close();
            driver.switchTo().window(console);

            driver.findElement(By.name("code")).sendKeys(code);
            driver.findElement(By.name("code")).findElement(By.xpath("./ancestor::form"))
                    .findElement(By.cssSelector("button[type=submit]")).click();
            WebElement linked = new WebDriverWait(driver, Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("linked")));
            assertTrue(linked.getText().contains("is linked"), linked.getText());
            browser.screenshot(screenshots(), "console-destination-linked");
            // (the health monitor may ask verify_credentials again afterwards, with the stored token)
            assertEquals(List.of("apps", "authorize", "token", "verify"), List.copyOf(mastodon.oauth.requests)
                    .subList(0, 4));
            driver.findElement(By.linkText("Back to the logins")).click();
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("sns-login"), "An access token is stored"));
            assertFalse(driver.getPageSource().contains(MastodonStub.TOKEN), "the token never reaches the browser");
        }
    }
}
