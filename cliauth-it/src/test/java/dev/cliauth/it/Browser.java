package dev.cliauth.it;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real headless Chromium (Debian's, driven by Selenium through Debian's chromedriver) playing the person who
 * signs in. A fresh profile per instance: Keycloak's session cookie is path-scoped and survives deleteAllCookies.
 */
final class Browser implements AutoCloseable {
    private final WebDriver driver;
    private final Path profileDir;

    Browser() throws IOException {
        this(List.of());
    }

    /** @param extraArguments more Chromium switches, e.g. a proxy that makes 127.0.0.1 unreachable ("another machine") */
    Browser(List<String> extraArguments) throws IOException {
        profileDir = Files.createTempDirectory("cliauth-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profileDir);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Opens the sign-in URL and signs in on Keycloak's form. */
    void signIn(String url, String username, String password) {
        driver.get(url);
        submitCredentials(username, password);
    }

    /** Signs in on the Keycloak form this browser shows now (a sign-in URL with PAR works only once). */
    void submitCredentials(String username, String password) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        org.openqa.selenium.WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        field.clear();
        field.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Answers Keycloak's consent page when it is shown (consent is remembered per user), and waits for the loopback page. */
    void consentIfAsked(boolean accept) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> isLoopback(d) || !d.findElements(By.name("accept")).isEmpty());
        if (!isLoopback(driver)) {
            driver.findElement(By.name(accept ? "accept" : "cancel")).click();
        }
        wait.until(Browser::isLoopback);
    }

    /**
     * Approves a device code on Keycloak's verification page: sign in, grant access if asked, and wait for its
     * success page.
     */
    void approveDevice(String verificationUrl, String username, String password) {
        signIn(verificationUrl, username, password);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.name("accept")).isEmpty() || pageText().contains("Device Login Successful"));
        if (!driver.findElements(By.name("accept")).isEmpty()) {
            driver.findElement(By.name("accept")).click();
        }
        wait.until(d -> pageText().contains("Device Login Successful"));
    }

    /**
     * Signs in on the npm oidc-provider's development pages (any login name and password), grants access on its
     * consent page, and waits for the loopback page.
     */
    void signInOnDevInteractions(String url, String login) {
        driver.get(url);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("login"))).sendKeys(login);
        driver.findElement(By.name("password")).sendKeys("any password");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> isLoopback(d) || pageText().contains("Authorize"));
        if (!isLoopback(driver)) {
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait.until(Browser::isLoopback);
    }

    /** Signs in where the redirect back cannot load (another machine) and returns the address the browser ended on. */
    String signInAndReadFinalAddress(String url, String username, String password) {
        signIn(url, username, password);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> isLoopback(d) || !d.findElements(By.name("accept")).isEmpty());
        if (!isLoopback(driver)) {
            driver.findElement(By.name("accept")).click();
        }
        return wait.until(d -> {
            String current = d.getCurrentUrl();
            return current != null && current.startsWith("http://127.0.0.1:") && java.net.URI.create(current).getPath().equals("/callback")
                    ? current : null;
        });
    }

    /** The page's text; empty while a navigation replaces the page (the body just found went stale). */
    String pageText() {
        List<WebElement> body = driver.findElements(By.tagName("body"));
        try {
            return body.isEmpty() ? "" : body.get(0).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException navigating) {
            return "";
        }
    }

    /** Opens a page and waits until it has moved on to another address (a page that posts itself onwards). */
    void openAndMoveOn(String url) {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl() != null && !d.getCurrentUrl().equals(url));
    }

    /**
     * Opens a sign-in URL and reports what the provider does: shows its login form ({@code true}), or signs the person
     * in silently with the session it still has and sends the browser back to the loopback listener ({@code false}).
     */
    boolean asksForCredentials(String url) {
        driver.get(url);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> isLoopback(d) || !d.findElements(By.id("username")).isEmpty() || !d.findElements(By.name("accept")).isEmpty());
        return !driver.findElements(By.id("username")).isEmpty();
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    private static boolean isLoopback(WebDriver d) {
        String url = d.getCurrentUrl();
        if (url == null || !url.startsWith("http://127.0.0.1:")) {
            return false;
        }
        return java.net.URI.create(url).getPath().equals("/callback");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
