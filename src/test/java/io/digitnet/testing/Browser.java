package io.digitnet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.digitnet.report.Screenshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A page of the report in headless Chromium, driven through ChromeDriver (Debian's chromium
 * and chromium-driver packages; nothing is downloaded), with every network connection sent
 * to a closed port: a page that reached for the network would fail and say so in its
 * console. Under CI (CI=true) both programs must be installed; elsewhere the tests that
 * need them are skipped, saying why.
 */
public final class Browser implements AutoCloseable {
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;
    /** Pointer moves a stroke is cut into, at most this many CSS pixels apart, as a hand's would be. */
    private static final int STEP = 8;

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    private static Optional<Path> chromedriver() {
        return DRIVERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Skips the calling tests (fails them under CI) when Chromium or ChromeDriver is missing. */
    public static void require() {
        String missing = Screenshot.chromium().isEmpty() ? "Chromium"
                : chromedriver().isEmpty() ? "ChromeDriver (" + String.join(", ", DRIVERS) + ")" : null;
        if (missing == null) {
            return;
        }
        String why = "no " + missing + " installed (Debian: apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + ": CI installs it");
        }
        Assumptions.abort(why + ": skipping the browser tests");
    }

    /** Opens {@code page} from disk. */
    public static Browser open(Path page) {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Screenshot.chromium().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--window-size=" + WIDTH + "," + HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(page.toAbsolutePath().toUri().toString());
            return new Browser(driver);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The explorer's state ({@code window.digitnetExplorer.state()}), as Selenium returns it: maps, lists and numbers. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> state() {
        return (Map<String, Object>) script("return window.digitnetExplorer.state();");
    }

    /** The explorer's drawing as the PNG file a person would save. */
    public byte[] drawingPng() {
        String url = (String) script("return window.digitnetExplorer.drawingPng();");
        return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    }

    /**
     * Draws one stroke with the mouse on the pad: pressed at the first point (x, y in the
     * pad's pixels), moved through the others in small steps, released at the last.
     */
    public void stroke(int[] points) {
        WebElement pad = driver.findElement(By.id("pad"));
        // Offsets are from the pad's centre; it has no border, so its pixel (x, y) is at (x - half, y - half).
        int half = pad.getSize().getWidth() / 2;
        Actions actions = new Actions(driver).moveToElement(pad, points[0] - half, points[1] - half).clickAndHold();
        for (int i = 2; i < points.length; i += 2) {
            int dx = points[i] - points[i - 2];
            int dy = points[i + 1] - points[i - 1];
            int steps = Math.max(1, (Math.max(Math.abs(dx), Math.abs(dy)) + STEP - 1) / STEP);
            int done = 0;
            int doneY = 0;
            for (int s = 1; s <= steps; s++) {
                int x = Math.round((float) dx * s / steps);
                int y = Math.round((float) dy * s / steps);
                actions.moveByOffset(x - done, y - doneY);
                done = x;
                doneY = y;
            }
        }
        actions.release().perform();
    }

    /** Waits two frames, so that what the page recomputes on the next frame is done. */
    public void settle() {
        ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done()));");
    }

    public void hover(String id) {
        new Actions(driver).moveToElement(driver.findElement(By.id(id))).perform();
        settle();
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The colour (0xRRGGBB) of cell (x, y) of a 28x28 map drawn on canvas {@code id}, read at the cell's middle. */
    public int mapColour(String id, int x, int y) {
        List<?> rgba = (List<?>) script("const canvas = document.getElementById(arguments[0]);"
                + " const cell = canvas.width / 28;"
                + " return Array.from(canvas.getContext('2d').getImageData(arguments[1] * cell + cell / 2,"
                + " arguments[2] * cell + cell / 2, 1, 1).data);", id, x, y);
        return ((Number) rgba.get(0)).intValue() << 16 | ((Number) rgba.get(1)).intValue() << 8
                | ((Number) rgba.get(2)).intValue();
    }

    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    /** Nothing in the console (no error, no warning) and nothing loaded but the page itself. */
    public void assertQuietAndOffline() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertEquals("", entries.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString).collect(Collectors.joining("\n")), "the console");
        Number loaded = (Number) script("return performance.getEntriesByType('resource').length;");
        assertEquals(0, loaded.intValue(), "resources the page loaded");
        assertTrue(((String) script("return document.readyState;")).equals("complete"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
