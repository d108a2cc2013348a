package org.infoprob.jobs.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG chart: a plot area with an x axis, a y axis and optionally a second y axis on the
 * right, each linear or logarithmic with round tick values, and marks drawn in data
 * coordinates. Styling is left to CSS classes, so the page decides colours. Output is
 * well-formed XML (every text escaped), embeddable in HTML.
 *
 * <pre>{@code
 * SvgPlot plot = new SvgPlot(560, 360)
 *         .x(Scale.linear(-8, 8), "score")
 *         .y(Scale.linear(0, 1), "probability");
 * plot.line(xs, ys, "curve", false);
 * String svg = plot.render("sigmoid-plot", "The sigmoid curve");
 * }</pre>
 */
final class SvgPlot {

    /** A mapping from data values to [0, 1] along an axis, with tick values. */
    static final class Scale {
        final double min;
        final double max;
        final boolean log;

        private Scale(double min, double max, boolean log) {
            if (!(max > min) || (log && !(min > 0))) {
                throw new IllegalArgumentException(
                        "A scale needs min < max" + (log ? " and min > 0" : "") + ", was " + min + ".." + max);
            }
            this.min = min;
            this.max = max;
            this.log = log;
        }

        static Scale linear(double min, double max) {
            return new Scale(min, max, false);
        }

        /** A base-10 logarithmic scale; {@code min > 0}. */
        static Scale log(double min, double max) {
            return new Scale(min, max, true);
        }

        /** The position of {@code v} in [0, 1] (outside for values outside the range). */
        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
        }

        /** Round values within the range: 1-2-5 steps for linear scales, powers of 10 for log ones. */
        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = Math.pow(10, Math.ceil(Math.log10(min) - 1e-9)); t <= max * (1 + 1e-9); t *= 10) {
                    ticks.add(t);
                }
                return ticks;
            }
            double step = step();
            for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
                // 12 significant digits: 3 * 0.2 is 0.6000000000000001 in binary, the tick is 0.6.
                ticks.add(k == 0 ? 0.0 : Double.parseDouble(String.format(Locale.ROOT, "%.12g", k * step)));
            }
            return ticks;
        }

        private double step() {
            double raw = (max - min) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double r = raw / magnitude;
            return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * magnitude;
        }

        String label(double t) {
            if (log) {
                if (t >= 1_000_000) {
                    return fmt("%.0fM", t / 1_000_000);
                }
                if (t >= 1_000) {
                    return fmt("%.0fk", t / 1_000);
                }
                return t >= 1 ? fmt("%.0f", t) : fmt("%s", String.valueOf(t));
            }
            double step = step();
            int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
            return fmt("%." + decimals + "f", t);
        }
    }

    static final int MARGIN_LEFT = 58;
    static final int MARGIN_TOP = 14;
    static final int MARGIN_BOTTOM = 44;

    private final int width;
    private final int height;
    private final int marginBottom;
    private int marginRight = 16;
    private Scale x;
    private Scale y;
    private Scale y2;
    private String xLabel = "";
    private String yLabel = "";
    private String y2Label = "";
    private String[] xCategories;
    private final StringBuilder marks = new StringBuilder();

    SvgPlot(int width, int height) {
        this(width, height, MARGIN_BOTTOM);
    }

    /** @param marginBottom room under the plot area, e.g. for rotated category names */
    SvgPlot(int width, int height, int marginBottom) {
        this.width = width;
        this.height = height;
        this.marginBottom = marginBottom;
    }

    SvgPlot x(Scale scale, String label) {
        this.x = scale;
        this.xLabel = label;
        return this;
    }

    /** An x axis of categories at 0, 1, 2, …; the scale runs from -0.5 to n - 0.5. */
    SvgPlot xCategories(String[] names, String label) {
        this.x = Scale.linear(-0.5, names.length - 0.5);
        this.xCategories = names.clone();
        this.xLabel = label;
        return this;
    }

    SvgPlot y(Scale scale, String label) {
        this.y = scale;
        this.yLabel = label;
        return this;
    }

    /** A second y axis on the right. */
    SvgPlot y2(Scale scale, String label) {
        this.y2 = scale;
        this.y2Label = label;
        this.marginRight = 54;
        return this;
    }

    private double plotWidth() {
        return width - MARGIN_LEFT - marginRight;
    }

    private double plotHeight() {
        return height - MARGIN_TOP - marginBottom;
    }

    double px(double v) {
        return MARGIN_LEFT + x.fraction(v) * plotWidth();
    }

    double py(double v, boolean second) {
        Scale s = second ? y2 : y;
        return MARGIN_TOP + (1 - s.fraction(v)) * plotHeight();
    }

    /** A polyline through the finite points, on the left or the right y axis. */
    void line(double[] xs, double[] ys, String cssClass, boolean secondY) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                points.append(points.length() == 0 ? "" : " ").append(num(px(xs[i]))).append(',').append(num(py(ys[i], secondY)));
            }
        }
        marks.append("<polyline class=\"").append(esc(cssClass)).append("\" points=\"").append(points).append("\"/>\n");
    }

    /** A circle of radius {@code r} pixels, with a tooltip if {@code title} is not null. */
    void circle(double vx, double vy, double r, String cssClass, String title, boolean secondY) {
        if (!Double.isFinite(vx) || !Double.isFinite(vy)) {
            return;
        }
        marks.append("<circle class=\"").append(esc(cssClass)).append("\" cx=\"").append(num(px(vx)))
                .append("\" cy=\"").append(num(py(vy, secondY))).append("\" r=\"").append(num(r)).append('"');
        if (title == null) {
            marks.append("/>\n");
        } else {
            marks.append("><title>").append(esc(title)).append("</title></circle>\n");
        }
    }

    /** A bar from the bottom of the plot (or the axis minimum) up to {@code top}, {@code share} of a category wide. */
    void bar(double category, double top, double share, String cssClass, String title) {
        double half = share / 2;
        double x0 = px(category - half);
        double x1 = px(category + half);
        double y0 = MARGIN_TOP + plotHeight();
        double y1 = Math.min(y0, py(top, false));
        marks.append("<rect class=\"").append(esc(cssClass)).append("\" x=\"").append(num(x0)).append("\" y=\"")
                .append(num(y1)).append("\" width=\"").append(num(x1 - x0)).append("\" height=\"").append(num(y0 - y1))
                .append("\"><title>").append(esc(title)).append("</title></rect>\n");
    }

    /** A shaded band over the plot's full height between two x values, labelled at the top. */
    void band(double x0, double x1, String cssClass, String label) {
        double a = Math.max(MARGIN_LEFT, px(x0));
        double b = Math.min(MARGIN_LEFT + plotWidth(), px(x1));
        if (b <= a) {
            return;
        }
        marks.append("<rect class=\"").append(esc(cssClass)).append("\" x=\"").append(num(a)).append("\" y=\"")
                .append(MARGIN_TOP).append("\" width=\"").append(num(b - a)).append("\" height=\"").append(num(plotHeight()))
                .append("\"><title>").append(esc(label)).append("</title></rect>\n");
    }

    /** Text at a data position (left y axis), offset by pixels. */
    void text(double vx, double vy, double dx, double dy, String cssClass, String text) {
        marks.append("<text class=\"").append(esc(cssClass)).append("\" x=\"").append(num(px(vx) + dx)).append("\" y=\"")
                .append(num(py(vy, false) + dy)).append("\">").append(esc(text)).append("</text>\n");
    }

    /** Text at pixel coordinates of the whole picture. */
    void textAt(double pxX, double pxY, String cssClass, String text) {
        marks.append("<text class=\"").append(esc(cssClass)).append("\" x=\"").append(num(pxX)).append("\" y=\"")
                .append(num(pxY)).append("\">").append(esc(text)).append("</text>\n");
    }

    double plotTop() {
        return MARGIN_TOP;
    }

    double plotLeft() {
        return MARGIN_LEFT;
    }

    double plotRight() {
        return MARGIN_LEFT + plotWidth();
    }

    /** The SVG element: grid, axes with ticks and labels, then the marks in the order drawn. */
    String render(String id, String description) {
        if (x == null || y == null) {
            throw new IllegalStateException("Set the x and y axes before rendering");
        }
        StringBuilder svg = new StringBuilder(marks.length() + 4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(esc(id)).append("\" class=\"plot\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(esc(description)).append("\">\n");
        double bottom = MARGIN_TOP + plotHeight();
        svg.append("<rect class=\"frame\" x=\"").append(MARGIN_LEFT).append("\" y=\"").append(MARGIN_TOP)
                .append("\" width=\"").append(num(plotWidth())).append("\" height=\"").append(num(plotHeight())).append("\"/>\n");
        for (double t : y.ticks()) {
            double py = py(t, false);
            svg.append("<line class=\"grid\" x1=\"").append(MARGIN_LEFT).append("\" x2=\"").append(num(plotRight()))
                    .append("\" y1=\"").append(num(py)).append("\" y2=\"").append(num(py)).append("\"/>\n");
            svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(MARGIN_LEFT - 6).append("\" y=\"")
                    .append(num(py + 4)).append("\">").append(esc(y.label(t))).append("</text>\n");
        }
        if (y2 != null) {
            for (double t : y2.ticks()) {
                svg.append("<text class=\"tick tick2\" text-anchor=\"start\" x=\"").append(num(plotRight() + 6))
                        .append("\" y=\"").append(num(py(t, true) + 4)).append("\">").append(esc(y2.label(t))).append("</text>\n");
            }
        }
        if (xCategories != null) {
            for (int i = 0; i < xCategories.length; i++) {
                double px = px(i);
                svg.append("<text class=\"tick category\" text-anchor=\"end\" transform=\"translate(").append(num(px + 3))
                        .append(',').append(num(bottom + 10)).append(") rotate(-60)\">").append(esc(xCategories[i]))
                        .append("</text>\n");
            }
        } else {
            for (double t : x.ticks()) {
                double px = px(t);
                svg.append("<line class=\"grid\" x1=\"").append(num(px)).append("\" x2=\"").append(num(px)).append("\" y1=\"")
                        .append(MARGIN_TOP).append("\" y2=\"").append(num(bottom)).append("\"/>\n");
                svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(num(px)).append("\" y=\"")
                        .append(num(bottom + 16)).append("\">").append(esc(x.label(t))).append("</text>\n");
            }
        }
        // Marks outside the axes' ranges are cut at the plot area's edge.
        svg.append("<clipPath id=\"").append(esc(id)).append("-area\"><rect x=\"").append(MARGIN_LEFT).append("\" y=\"")
                .append(MARGIN_TOP).append("\" width=\"").append(num(plotWidth())).append("\" height=\"").append(num(plotHeight()))
                .append("\"/></clipPath>\n<g clip-path=\"url(#").append(esc(id)).append("-area)\">\n").append(marks).append("</g>\n");
        svg.append("<text class=\"axis-label\" text-anchor=\"middle\" x=\"").append(num(MARGIN_LEFT + plotWidth() / 2))
                .append("\" y=\"").append(height - 6).append("\">").append(esc(xLabel)).append("</text>\n");
        svg.append("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(14,")
                .append(num(MARGIN_TOP + plotHeight() / 2)).append(") rotate(-90)\">").append(esc(yLabel)).append("</text>\n");
        if (y2 != null) {
            svg.append("<text class=\"axis-label axis-label2\" text-anchor=\"middle\" transform=\"translate(")
                    .append(width - 10).append(',').append(num(MARGIN_TOP + plotHeight() / 2)).append(") rotate(90)\">")
                    .append(esc(y2Label)).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /** Escapes text for XML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return fmt("%.1f", v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
