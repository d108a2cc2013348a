package org.infoprob.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads Flink's Prometheus reporters over HTTP as a Prometheus server does: {@code GET
 * /metrics} on every port of the reporter's port range that answers (each Flink process takes
 * the first free one), and parses the text exposition format.
 *
 * <pre>{@code
 * List<Sample> samples = PrometheusScrape.ports(9250, 10);
 * samples.stream().filter(s -> s.name().equals("flink_taskmanager_job_task_operator_decodedRecords")) ...
 * }</pre>
 */
public final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One sample: metric name, labels, value. */
    public static final class Sample {
        private final String name;
        private final Map<String, String> labels;
        private final double value;

        Sample(String name, Map<String, String> labels, double value) {
            this.name = name;
            this.labels = labels;
            this.value = value;
        }

        public String name() {
            return name;
        }

        /** The label's value, or "" if the sample has no such label. */
        public String label(String label) {
            return labels.getOrDefault(label, "");
        }

        public double value() {
            return value;
        }

        @Override
        public String toString() {
            return name + labels + " " + value;
        }
    }

    private PrometheusScrape() {}

    /** The samples of every reporter listening on 127.0.0.1 at {@code first .. first + count - 1}. */
    public static List<Sample> ports(int first, int count) {
        List<Sample> samples = new ArrayList<>();
        for (int port = first; port < first + count; port++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    samples.addAll(parse(response.body()));
                }
            } catch (ConnectException nobodyThere) {
                // a port of the range no process took
            } catch (IOException e) {
                throw new UncheckedIOException("Scraping port " + port + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while scraping port " + port, e);
            }
        }
        return samples;
    }

    /**
     * Scrapes {@link #ports} once a second until {@code done} holds for the samples or {@code
     * timeout} has passed; the last samples either way.
     */
    public static List<Sample> until(int first, int count, Duration timeout, Predicate<List<Sample>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Sample> samples = ports(first, count);
        while (!done.test(samples) && System.nanoTime() < deadline) {
            Sleep.millis(1000);
            samples = ports(first, count);
        }
        return samples;
    }

    /**
     * The samples of a text exposition: {@code name{label="value",...} number} per line; {@code #}
     * lines are comments. Label values may hold {@code \"}, {@code \\} and {@code \n} escapes.
     */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            int rest;
            if (brace >= 0 && (space < 0 || brace < space)) {
                name = line.substring(0, brace);
                rest = labels(line, brace + 1, labels);
            } else {
                name = line.substring(0, space);
                rest = space;
            }
            String[] valueAndTime = line.substring(rest).trim().split(" ");
            samples.add(new Sample(name, labels, Double.parseDouble(valueAndTime[0])));
        }
        return samples;
    }

    /** Parses {@code a="x",b="y"}} from {@code start} into {@code labels}; the index after the brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String label = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(label, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
