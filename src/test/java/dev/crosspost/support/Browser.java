package dev.crosspost.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver), pointed at both binaries so Selenium never
 * tries to download a driver.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    public Browser() {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("Chromium or chromedriver missing (" + CHROMIUM + ", " + DRIVER
                    + "): run the README's test command, which installs Debian's chromium and chromium-driver");
        }
        try {
            profile = Files.createTempDirectory("crosspost-chromium");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1100,900", "--user-data-dir=" + profile);
        // the browser's console, to find Content-Security-Policy violations (consoleCspViolations)
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Logs in through Crosspost's login form, and waits until the login page is left (a slow machine is slow). */
    public void login(int port, String user, String password) {
        driver.get("http://127.0.0.1:" + port + "/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage("login as " + user + " did not get past /login")
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Saves a screenshot under target/screenshots, for a person to look at. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            // a missing screenshot must not fail a test
        }
    }

    /**
     * The Content-Security-Policy violations the console reported since the last call: a page whose script or
     * handler the policy blocked (an inline script left in a page, say) shows up here.
     */
    public List<String> consoleCspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    /**
     * What axe-core (Deque's Selenium bindings, the engine of Lighthouse's accessibility audit) finds wrong with the
     * page as it is now, with its default rules (WCAG 2 A/AA and best practices): one line per rule and element.
     */
    public List<String> accessibilityViolations() {
        Results results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core failed: " + results.getErrorMessage());
        }
        return results.getViolations().stream().flatMap(rule -> rule.getNodes().stream()
                .map(node -> rule.getId() + " (" + rule.getHelp() + "): " + node.getTarget() + " " + node.getHtml()))
                .toList();
    }

    /** The console's errors since the last call (a failed load such as a missing favicon, a script error). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
