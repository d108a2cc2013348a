package org.infoprob.jobs.demo;

import org.infoprob.math.Sigmoid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.infoprob.jobs.demo.SvgPlot.esc;

/**
 * The demo's chart: one self-contained HTML page (inline SVG and CSS, no scripts, nothing
 * fetched) with
 *
 * <ul>
 *   <li>{@code #summary}: records per topic and what they say;
 *   <li>{@code #sigmoid}: the sigmoid curve, the job's (score, probability) outputs, the true
 *       labels as a rug, and the share of positive labels per score bin, which follows the curve
 *       when the scores are calibrated;
 *   <li>{@code #softmax}: a reliability diagram of the softmax job: top-class probability
 *       against how often the top class was the true one;
 *   <li>{@code #frequencies}: for a few users, how often each class was sent (log scale) and the
 *       surprisal the job gave it: the rarer, the more bits;
 *   <li>{@code #rarity}: the surprisal of the events over time, with the bursts of rare classes;
 *   <li>{@code #throughput}: committed output records per second and job.
 * </ul>
 *
 * The page is well-formed XML (XHTML syntax), so a test can parse it.
 *
 * <pre>{@code
 * Path chart = DemoChart.write(data, Path.of("infoprob-demo"));   // infoprob-demo/infoprob-demo.html
 * }</pre>
 */
final class DemoChart {

    static final String FILE_NAME = "infoprob-demo.html";

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px auto;max-width:1200px;color:#212529;background:#f8f9fa}",
            "header h1{margin:0 0 4px;font-size:26px}",
            ".sub{color:#495057;margin:0 0 18px}",
            "section{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:14px 18px;margin:0 0 18px}",
            "h2{font-size:18px;margin:0 0 6px}",
            ".caption{color:#495057;font-size:14px;margin:0 0 8px;max-width:1100px}",
            ".row{display:grid;grid-template-columns:1fr 1fr;gap:18px}",
            ".row section{margin:0 0 18px}",
            ".multiples{display:flex;gap:6px;flex-wrap:wrap}",
            ".multiples figure{margin:0}",
            "figcaption{font-size:14px;font-weight:600;text-align:center}",
            "table{border-collapse:collapse;font-size:14px}",
            "td,th{padding:3px 12px;text-align:left;border-bottom:1px solid #e9ecef}",
            "td.n{text-align:right;font-variant-numeric:tabular-nums}",
            ".legend{font-size:13px;color:#495057;margin:4px 0 0}",
            ".key{display:inline-block;width:11px;height:11px;border-radius:50%;margin:0 4px 0 12px;vertical-align:-1px}",
            "svg.plot{font-size:12px;overflow:visible}",
            ".frame{fill:#fff;stroke:#ced4da}",
            ".grid{stroke:#f1f3f5}",
            ".tick{fill:#495057}",
            ".category{font-size:10.5px}",
            ".tick2,.axis-label2{fill:#c2255c}",
            ".axis-label{fill:#212529;font-size:13px}",
            ".curve{fill:none;stroke:#212529;stroke-width:2}",
            ".ideal{fill:none;stroke:#868e96;stroke-width:1.5;stroke-dasharray:5 4}",
            ".out{fill:none;stroke:#495057;stroke-width:1;opacity:.6}",
            ".pos{fill:#e8590c;opacity:.55}",
            ".neg{fill:#1c7ed6;opacity:.55}",
            ".bin{fill:#2f9e44;stroke:#fff;stroke-width:1.5}",
            ".binline{fill:none;stroke:#2f9e44;stroke-width:2}",
            ".bar{fill:#74c0fc}",
            ".bar.rare{fill:#f03e3e}",
            ".bits{fill:none;stroke:#c2255c;stroke-width:2}",
            ".bitdot{fill:#c2255c}",
            ".event{fill:#868e96;opacity:.45}",
            ".burst-event{fill:#e03131;opacity:.8}",
            ".burst{fill:#ffe3e3}",
            ".burst-label{fill:#c92a2a;font-size:11px}",
            ".s0{fill:none;stroke:#1c7ed6;stroke-width:2}.s1{fill:none;stroke:#74c0fc;stroke-width:2}",
            ".s2{fill:none;stroke:#e8590c;stroke-width:2}.s3{fill:none;stroke:#fab005;stroke-width:2}",
            ".s4{fill:none;stroke:#2f9e44;stroke-width:2}.s5{fill:none;stroke:#8ce99a;stroke-width:2}",
            "footer{color:#868e96;font-size:12px}");

    private static final String[] SERIES_COLOURS = {"#1c7ed6", "#74c0fc", "#e8590c", "#fab005", "#2f9e44", "#8ce99a"};

    private DemoChart() {}

    /** Writes the page to {@code directory/}{@value #FILE_NAME}, creating the directory; returns the file. */
    static Path write(ChartData data, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, html(data), StandardCharsets.UTF_8);
        return file;
    }

    /** The page. */
    static String html(ChartData d) {
        StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(esc(d.title())).append("</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(esc(d.title())).append("</h1><p class=\"sub\">").append(esc(d.subtitle()))
                .append("</p></header>\n");
        summary(h, d);
        h.append("<div class=\"row\">\n");
        sigmoid(h, d);
        softmax(h, d);
        h.append("</div>\n");
        frequencies(h, d);
        rarity(h, d);
        throughput(h, d);
        h.append("<footer>Made by infoprob's local demo: every number above was read back from the jobs' committed output"
                + " topics (read_committed) and compared with what the traffic generator sent.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, ChartData d) {
        h.append("<section id=\"summary\">\n<h2>What came out</h2>\n<table>\n<tr><th>topic</th><th>records</th><th></th></tr>\n");
        for (ChartData.SummaryRow row : d.summary()) {
            h.append("<tr><td>").append(esc(row.topic())).append("</td><td class=\"n\">").append(fmt("%,d", row.records()))
                    .append("</td><td>").append(esc(row.note())).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void sigmoid(StringBuilder h, ChartData d) {
        SvgPlot plot = new SvgPlot(560, 380).x(SvgPlot.Scale.linear(-8, 6), "score x").y(SvgPlot.Scale.linear(-0.1, 1.1), "P(positive)");
        int i = 0;
        for (ChartData.SigmoidPoint p : d.sigmoidPoints()) {
            // The true labels as a rug: positives above 1, negatives below 0, spread a little so
            // that their density shows.
            double jitter = 0.012 + 0.07 * (((i++ * 0.6180339887) % 1.0));
            plot.circle(p.score(), p.positive() ? 1 + jitter : -jitter, 1.7, p.positive() ? "pos" : "neg", null, false);
        }
        for (ChartData.SigmoidPoint p : d.sigmoidPoints()) {
            plot.circle(p.score(), p.probability(), 2.4, "out", null, false);
        }
        double[] xs = new double[141];
        double[] ys = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = -8 + k * 0.1;
            ys[k] = Sigmoid.sigmoid(xs[k]);
        }
        plot.line(xs, ys, "curve", false);
        binMarks(plot, d.sigmoidBins(), "scores around %.1f: %,d records, %.1f%% positive");
        h.append("<section id=\"sigmoid\">\n<h2>Sigmoid: the curve, the job's answers, and the truth</h2>\n")
                .append("<p class=\"caption\">Each grey ring is one output of the sigmoid job: the probability it gave a score."
                        + " The rugs above and below show the true labels. Green dots: the share of positive labels among"
                        + " records with similar scores. They follow the curve because the traffic's labels were drawn with"
                        + " probability sigmoid(x): the job's probabilities are calibrated.</p>\n")
                .append(plot.render("sigmoid-plot", "Sigmoid curve with the job's outputs and the observed share of positives"))
                .append("<p class=\"legend\"><span class=\"key\" style=\"background:#212529\"></span>1/(1+e^-x)")
                .append("<span class=\"key\" style=\"background:#2f9e44\"></span>observed share of positives")
                .append("<span class=\"key\" style=\"background:#e8590c\"></span>positive label")
                .append("<span class=\"key\" style=\"background:#1c7ed6\"></span>negative label</p>\n</section>\n");
    }

    private static void softmax(StringBuilder h, ChartData d) {
        SvgPlot plot = new SvgPlot(560, 380)
                .x(SvgPlot.Scale.linear(0.2, 1.0), "top-class probability given by the softmax job")
                .y(SvgPlot.Scale.linear(0, 1), "share where the top class was true");
        plot.line(new double[] {0.2, 1.0}, new double[] {0.2, 1.0}, "ideal", false);
        binMarks(plot, d.softmaxBins(), "top probability around %.2f: %,d records, top class true in %.1f%%");
        h.append("<section id=\"softmax\">\n<h2>Softmax: is 80% really 80%?</h2>\n")
                .append("<p class=\"caption\">The softmax job's records grouped by the probability of their top class, against"
                        + " how often that class was the true one (dot area: records). On the dashed line the"
                        + " probabilities mean what they say; the traffic's logits (true class +4, noise sd 2) make the"
                        + " softmax exactly calibrated.</p>\n")
                .append(plot.render("softmax-plot", "Reliability diagram of the softmax job"))
                .append("<p class=\"legend\"><span class=\"key\" style=\"background:#868e96\"></span>perfect calibration")
                .append("<span class=\"key\" style=\"background:#2f9e44\"></span>observed</p>\n</section>\n");
    }

    /** Bins as a line and dots whose area grows with their records. */
    private static void binMarks(SvgPlot plot, List<ChartData.Bin> bins, String titleFormat) {
        double[] xs = new double[bins.size()];
        double[] ys = new double[bins.size()];
        long most = 1;
        for (int i = 0; i < bins.size(); i++) {
            xs[i] = bins.get(i).x();
            ys[i] = bins.get(i).observed();
            most = Math.max(most, bins.get(i).count());
        }
        plot.line(xs, ys, "binline", false);
        for (ChartData.Bin b : bins) {
            double r = 2.5 + 6.5 * Math.sqrt((double) b.count() / most);
            plot.circle(b.x(), b.observed(), r, "bin", fmt(titleFormat, b.x(), b.count(), 100 * b.observed()), false);
        }
    }

    private static void frequencies(StringBuilder h, ChartData d) {
        h.append("<section id=\"frequencies\">\n<h2>Class frequency and surprisal</h2>\n")
                .append("<p class=\"caption\">How often each user sent each class (bars, log scale; each user has its own"
                        + " Zipf distribution), and the surprisal in bits the surprisal job gave that class's latest event"
                        + " (line): -log2 of its smoothed frequency, so every halving of the frequency adds one bit. Red: a"
                        + " class from a burst.</p>\n<div class=\"multiples\">\n");
        for (ChartData.KeyFrequencies k : d.frequencies()) {
            List<ChartData.ClassBar> classes = k.classes();
            String[] names = new String[classes.size()];
            long most = 1;
            double maxBits = 1;
            for (int i = 0; i < names.length; i++) {
                names[i] = classes.get(i).className();
                most = Math.max(most, classes.get(i).count());
                if (Double.isFinite(classes.get(i).surprisalBits())) {
                    maxBits = Math.max(maxBits, classes.get(i).surprisalBits());
                }
            }
            SvgPlot plot = new SvgPlot(382, 340, 118)
                    .xCategories(names, "")
                    .y(SvgPlot.Scale.log(1, Math.pow(10, Math.ceil(Math.log10(most * 1.2)))), "events sent")
                    .y2(SvgPlot.Scale.linear(0, Math.ceil(maxBits / 2 + 0.5) * 2), "surprisal (bits)");
            double[] xs = new double[names.length];
            double[] bits = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                ChartData.ClassBar c = classes.get(i);
                xs[i] = i;
                bits[i] = c.surprisalBits();
                plot.bar(i, Math.max(c.count(), 1), 0.72, c.rare() ? "bar rare" : "bar",
                        fmt("%s: %,d events, %.2f bits", c.className(), c.count(), c.surprisalBits()));
            }
            plot.line(xs, bits, "bits", true);
            for (int i = 0; i < names.length; i++) {
                plot.circle(i, bits[i], 2.6, "bitdot", null, true);
            }
            h.append("<figure><figcaption>").append(esc(k.key())).append(fmt(" (Zipf exponent %.2f)", k.zipfExponent()))
                    .append("</figcaption>\n").append(plot.render("frequencies-" + k.key(), "Class counts and surprisal of " + k.key()))
                    .append("</figure>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void rarity(StringBuilder h, ChartData d) {
        double maxSeconds = 1;
        double maxBits = 1;
        for (ChartData.TimePoint p : d.rarity()) {
            maxSeconds = Math.max(maxSeconds, p.seconds());
            maxBits = Math.max(maxBits, p.bits());
        }
        for (ChartData.Band b : d.bursts()) {
            maxSeconds = Math.max(maxSeconds, b.endSeconds());
        }
        SvgPlot plot = new SvgPlot(1160, 380)
                .x(SvgPlot.Scale.linear(0, maxSeconds), "seconds since the traffic started (event time)")
                .y(SvgPlot.Scale.linear(0, Math.ceil(maxBits + 0.5)), "surprisal (bits)");
        for (ChartData.Band b : d.bursts()) {
            plot.band(b.startSeconds(), b.endSeconds(), "burst", b.label());
        }
        for (ChartData.TimePoint p : d.rarity()) {
            if (!p.burst()) {
                plot.circle(p.seconds(), p.bits(), 1.8, "event", null, false);
            }
        }
        for (ChartData.TimePoint p : d.rarity()) {
            if (p.burst()) {
                plot.circle(p.seconds(), p.bits(), 2.4, "burst-event", null, false);
            }
        }
        int n = 0;
        for (ChartData.Band b : d.bursts()) {
            // Alternate the label rows so that labels of close bursts do not overlap.
            double x = Math.min(plot.px(b.startSeconds()) + 3, plot.plotRight() - 150);
            plot.textAt(x, plot.plotTop() + 12 + 13 * (n++ % 2), "burst-label", b.label());
        }
        h.append("<section id=\"rarity\">\n<h2>Rarity over time</h2>\n")
                .append("<p class=\"caption\">Every dot is an event scored by the surprisal job (a sample when there are many):"
                        + " its surprisal given everything its user did before. Most events cost a few bits. In the red"
                        + " bands one user suddenly sends a class it never sent before: the first events of a burst are the"
                        + " rarest of the run, and the surprisal falls as the job learns that the class now occurs.</p>\n")
                .append(plot.render("rarity-plot", "Surprisal of events over time with bursts of rare classes"))
                .append("<p class=\"legend\"><span class=\"key\" style=\"background:#868e96\"></span>event")
                .append("<span class=\"key\" style=\"background:#e03131\"></span>event of a burst class")
                .append("<span class=\"key\" style=\"background:#ffc9c9\"></span>burst</p>\n</section>\n");
    }

    private static void throughput(StringBuilder h, ChartData d) {
        double maxSeconds = 1;
        double maxRate = 10;
        for (ChartData.Series s : d.throughput()) {
            for (int i = 0; i < s.seconds().length; i++) {
                maxSeconds = Math.max(maxSeconds, s.seconds()[i]);
                maxRate = Math.max(maxRate, s.values()[i]);
            }
        }
        SvgPlot plot = new SvgPlot(1160, 300)
                .x(SvgPlot.Scale.linear(0, maxSeconds), "seconds since the traffic started")
                .y(SvgPlot.Scale.linear(0, maxRate * 1.1), "committed records/s");
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        int i = 0;
        for (ChartData.Series s : d.throughput()) {
            plot.line(s.seconds(), s.values(), "s" + (i % SERIES_COLOURS.length), false);
            legend.append("<span class=\"key\" style=\"background:").append(SERIES_COLOURS[i % SERIES_COLOURS.length])
                    .append("\"></span>").append(esc(s.name()));
            i++;
        }
        h.append("<section id=\"throughput\">\n<h2>Throughput</h2>\n")
                .append("<p class=\"caption\">Output records per second of each pipeline as a read_committed consumer saw them:"
                        + " exactly-once sinks commit on every checkpoint, the window pipelines once per window.</p>\n")
                .append(plot.render("throughput-plot", "Committed output records per second per pipeline"))
                .append(legend).append("</p>\n</section>\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
