package org.infoprob.jobs.demo;

import org.infoprob.jobs.InfoprobJobs;
import org.infoprob.jobs.JobRunner;
import org.infoprob.jobs.options.StartingOffsets;

import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.service.DriverFinder;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's first printed link, {@code Flink web UI: http://localhost:PORT}, opened in a real
 * browser: Debian's headless Chromium, driven by Selenium through Debian's chromedriver (both
 * named by path, so Selenium Manager never looks for, let alone downloads, a browser or a
 * driver). The demo runs in this JVM with its own broker at a low rate; the browser opens the
 * dashboard at the printed address, waits until the running jobs list the demo's job as RUNNING,
 * opens it and reads the vertex names of its graph, in the list and in the drawn graph. The
 * expected names are those of the job graph Flink builds from each pipeline alone (its own
 * chaining), so the test says which pipeline a missing vertex belongs to. A screenshot of the
 * job's page is saved as {@code target/demo-web-ui.png}. Then the test stops the demo as Ctrl-C
 * does, and the demo still ends cleanly (summary written, broker stopped). Parallelism 1, 20
 * records/s and a checkpoint every 5 s keep the load low: the browser shares two cores with
 * Kafka and Flink.
 *
 * <p>In this JVM the dashboard is on the test class path whatever the jar holds, so a second
 * test checks that the jar {@code java -jar ... demo} runs carries it: the bug this class was
 * written for was a shaded jar without it, answering {@code {"errors":["Not found: /"]}}.
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code
 * chromium} and {@code chromium-driver}) the browser test is skipped, except with {@code
 * CI=true}: {@code .ci/run} installs both, so there a missing browser is a failure.
 */
class DemoWebUiITCase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "demo-web-ui.png").toAbsolutePath();
    /** The jar that {@code java -jar ... demo} runs, as the README says. */
    private static final Path DEMO_JAR = Path.of("target", "infoprob-jobs.jar").toAbsolutePath();

    /** Only a bound: the test stops the demo as Ctrl-C does once the browser has seen it. */
    private static final Duration MAX_DURATION = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int PARALLELISM = 1;
    private static final Duration STARTUP = Duration.ofSeconds(40);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Pattern WEB_UI = Pattern.compile("Flink web UI: (http://localhost:[0-9]+)");
    private static final Pattern JOB_ID = Pattern.compile("Flink job ([0-9a-f]{32}) runs");
    private static final String JOB_NAME = "infoprob demo: " + DemoJob.values().length + " pipelines";

    private static boolean browserInstalled;

    @BeforeAll
    static void findTheBrowser() {
        browserInstalled = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browserInstalled && "true".equals(System.getenv("CI"))) {
            fail("CI=true, but %s or %s is missing: .ci/run installs Debian's chromium and chromium-driver", CHROMIUM, CHROMEDRIVER);
        }
    }

    @Test
    void theDashboardListsTheRunningDemoJobWithTheVerticesOfItsSixPipelines(@TempDir Path dir) throws Exception {
        assumeTrue(browserInstalled, () -> "Skipped: no browser. " + CHROMIUM + " and " + CHROMEDRIVER
                + " come with Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Map<DemoJob, List<String>> expected = expectedVertexNames();
        StringWriter output = new StringWriter();
        DemoCommand options = (DemoCommand) InfoprobJobs.parse("demo",
                "--duration", String.valueOf(MAX_DURATION.toSeconds()), "--rate", "20", "--checkpoint-interval", "5 s",
                "--parallelism", String.valueOf(PARALLELISM), "--web-ui-port", String.valueOf(freePort()),
                "--output-dir", dir.toString());
        LocalDemo localDemo = new LocalDemo(options, new PrintWriter(output, true));
        ExecutorService demoThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-under-test"));
        Future<?> demo = demoThread.submit(() -> {
            localDemo.run();
            return null;
        });
        try {
            // Chromium starts while the demo starts its broker: on two busy cores either takes
            // seconds.
            WebDriver browser = chromium();
            try {
                String url = await(WEB_UI, output, demo);
                String jobId = await(JOB_ID, output, demo);
                long start = System.nanoTime();
                browser.get(url);
                step("page loaded", start);
                checkDashboard(browser, jobId, expected, start);
            } finally {
                browser.manage().logs().get(LogType.BROWSER)
                        .forEach(entry -> System.out.println("browser console: " + entry));
                Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                        StandardCopyOption.REPLACE_EXISTING);
                browser.quit();
            }
        } finally {
            localDemo.requestStop();
            try {
                demo.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                demoThread.shutdownNow();
                System.out.println("demo output:" + System.lineSeparator() + output);
            }
        }
        assertThat(Files.readAllBytes(SCREENSHOT)).as("screenshot %s", SCREENSHOT).startsWith(0x89, 'P', 'N', 'G');
        assertThat(output.toString()).as("demo output")
                .contains("Stopping: traffic, Flink job, broker ...", "Summary: ", "The embedded Kafka broker has stopped");
    }

    @Test
    void theDemoJarCarriesTheDashboard() throws Exception {
        // WebMonitorUtils serves the dashboard only if WebFrontendBootstrap is on the class path,
        // and StaticFileServerHandler reads its files as class path resources under web/.
        try (ZipFile jar = new ZipFile(DEMO_JAR.toFile())) {
            assertThat(jar.getEntry("org/apache/flink/runtime/webmonitor/utils/WebFrontendBootstrap.class"))
                    .as("WebFrontendBootstrap in %s", DEMO_JAR).isNotNull();
            assertThat(jar.getEntry("web/index.html")).as("the dashboard's web/index.html in %s", DEMO_JAR).isNotNull();
        }
    }

    /**
     * The browser's steps: the dashboard's running jobs, the demo's job there as RUNNING, a click
     * on it, and on the job's page its id, its state and every vertex, in the list and the graph.
     */
    private static void checkDashboard(WebDriver browser, String jobId, Map<DemoJob, List<String>> expected, long start) {
        WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage("the dashboard's menu at the printed link")
                .until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//li[contains(@class, 'ant-menu-item')][normalize-space() = 'Running Jobs']")))
                .click();
        assertThat(browser.getTitle()).as("page title of the printed link").isEqualTo("Apache Flink Web Dashboard");
        step("dashboard's menu", start);

        wait.withMessage("the job '" + JOB_NAME + "' listed as RUNNING in Running Jobs").until(b -> runningJobRow(b) != null);
        step("job listed as RUNNING", start);
        // The list re-renders every few seconds; a click that lands on a replaced row is lost.
        wait.withMessage("the job's page after a click on its row").until(b -> {
            WebElement row = runningJobRow(b);
            if (row != null) {
                row.findElement(By.tagName("td")).click();
            }
            return b.getCurrentUrl().contains(jobId);
        });
        step("job's page", start);

        int vertices = expected.values().stream().mapToInt(List::size).sum();
        List<String> listed = wait.withMessage(vertices + " vertices in the job's list").until(b -> {
            List<String> names = texts(b, "flink-job-overview-list td.name a");
            return names.size() == vertices ? names : null;
        });
        step("all vertices listed", start);
        String status = browser.findElement(By.cssSelector("flink-job-status")).getText();
        assertThat(status).as("job status panel").contains(JOB_NAME, jobId, "RUNNING");
        List<String> drawn = texts(browser, "flink-dagre .node .description");
        for (Map.Entry<DemoJob, List<String>> pipeline : expected.entrySet()) {
            assertThat(listed).as("vertex list: the vertices of the %s pipeline", pipeline.getKey().label())
                    .containsAll(pipeline.getValue());
        }
        List<String> all = expected.values().stream().flatMap(List::stream).collect(Collectors.toList());
        assertThat(listed).as("vertex list").containsExactlyInAnyOrderElementsOf(all);
        assertThat(drawn).as("vertices drawn in the job graph").containsExactlyInAnyOrderElementsOf(all);
    }

    /** The row of the demo's job in Running Jobs, if it is there with the status RUNNING. */
    private static WebElement runningJobRow(WebDriver browser) {
        for (WebElement row : browser.findElements(By.cssSelector("flink-job-list tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            List<WebElement> badge = row.findElements(By.cssSelector("flink-job-badge"));
            if (!cells.isEmpty() && cells.get(0).getText().trim().equals(JOB_NAME)
                    && !badge.isEmpty() && badge.get(0).getText().trim().equals("RUNNING")) {
                return row;
            }
        }
        return null;
    }

    private static void step(String what, long start) {
        System.out.printf(Locale.ROOT, "browser: %s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    private static List<String> texts(WebDriver browser, String css) {
        List<String> texts = new ArrayList<>();
        for (WebElement e : browser.findElements(By.cssSelector(css))) {
            texts.add(e.getText().trim());
        }
        return texts;
    }

    /**
     * Headless Chromium through chromedriver, both given by path: Selenium then has nothing to
     * look up, and its DriverFinder logs that it skips Selenium Manager (checked here, so that a
     * Selenium upgrade that would run it fails this test instead of downloading a browser).
     * {@code --no-sandbox}: the tests may run as root, where Chromium's sandbox refuses to start.
     */
    private static WebDriver chromium() {
        List<String> driverLookup = new ArrayList<>();
        Logger finder = Logger.getLogger(DriverFinder.class.getName());
        Handler record = new Handler() {
            @Override
            public void publish(LogRecord r) {
                driverLookup.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level level = finder.getLevel();
        finder.setLevel(Level.FINE);
        finder.addHandler(record);
        try {
            WebDriver browser = startChromium();
            assertThat(driverLookup).as("DriverFinder's log").anyMatch(m -> m.startsWith("Skipping Selenium Manager"));
            return browser;
        } finally {
            finder.removeHandler(record);
            finder.setLevel(level);
        }
    }

    private static WebDriver startChromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1600,1200");
        // The browser console (failed requests, script errors) is printed after the test.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new ChromeDriver(service, options);
    }

    /**
     * Each pipeline's vertex names, from the job graph Flink builds of that pipeline alone with
     * the demo's options: chaining happens within a pipeline, so the demo's one graph holds
     * exactly these vertices.
     */
    private static Map<DemoJob, List<String>> expectedVertexNames() {
        DemoCommand demo = (DemoCommand) InfoprobJobs.parse("demo", "--parallelism", String.valueOf(PARALLELISM));
        Map<DemoJob, List<String>> names = new EnumMap<>(DemoJob.class);
        for (DemoJob pipeline : DemoJob.values()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM);
            JobRunner.configure(env, demo.runtime());
            DemoFlink.addAll(env, Map.of(pipeline, pipeline.job(demo.client(), demo.runtime(), StartingOffsets.EARLIEST)));
            List<String> vertices = new ArrayList<>();
            for (JobVertex v : env.getStreamGraph().getJobGraph().getVertices()) {
                vertices.add(v.getName());
            }
            names.put(pipeline, vertices);
        }
        return names;
    }

    /** The first group of {@code line} in the demo's output, once it is printed. */
    private static String await(Pattern line, StringWriter output, Future<?> demo) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(output.toString());
            if (m.find()) {
                return m.group(1);
            }
            if (demo.isDone()) {
                demo.get();
                fail("The demo ended before printing '%s':%n%s", line, output);
            }
            Thread.sleep(100);
        }
        return fail("The demo did not print '%s' within %s:%n%s", line, STARTUP, output);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
