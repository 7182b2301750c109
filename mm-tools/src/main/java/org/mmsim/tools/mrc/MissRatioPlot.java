package org.mmsim.tools.mrc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Miss-ratio curves as a self-contained SVG document: miss ratio (0 to 1) against cache size in pages, linear or
 * log-scaled, one line per series with a legend, labelled axes with ticks, and a title naming the trace. Points are
 * thinned to one per horizontal pixel, so a curve of millions of sizes stays a small file.
 */
public final class MissRatioPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    /** One curve: the miss ratio at each cache size. */
    public record Series(String name, double[] sizes, double[] missRatios) {
    }

    private final String title;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    public MissRatioPlot(String title, boolean logX) {
        this.title = title;
        this.logX = logX;
    }

    /** Adds a curve. */
    public MissRatioPlot add(Series curve) {
        series.add(curve);
        return this;
    }

    /** The SVG document. */
    public String svg() {
        double maxSize = 1;
        for (Series s : series) {
            for (double size : s.sizes()) {
                maxSize = Math.max(maxSize, size);
            }
        }
        double minSize = logX ? 1 : 0;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"28\" text-anchor=\"middle\" "
                + "font-size=\"16\">%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, escape(title)));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        out.append(String.format("<g class=\"axes\" stroke=\"black\">%n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n</g>%n", LEFT, TOP + plotHeight, LEFT + plotWidth,
                TOP + plotHeight, LEFT, TOP, LEFT, TOP + plotHeight));
        out.append("<g class=\"ticks\" text-anchor=\"middle\">\n");
        for (double tick : xTicks(minSize, maxSize)) {
            double x = x(tick, minSize, maxSize, plotWidth);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x, TOP + plotHeight, x, TOP + plotHeight + 5, x,
                    TOP + plotHeight + 20, label(tick)));
        }
        for (int i = 0; i <= 10; i += 2) {
            double y = TOP + plotHeight * (1 - i / 10.0);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 6, y + 4, i / 10.0));
        }
        out.append("</g>\n");
        out.append(String.format("<text class=\"xlabel\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">cache size (pages%s)"
                + "</text>%n", LEFT + plotWidth / 2, HEIGHT - 15, logX ? ", log scale" : ""));
        out.append(String.format("<text class=\"ylabel\" x=\"18\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %d)\">miss ratio</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
        for (int s = 0; s < series.size(); s++) {
            Series curve = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            out.append(String.format("<polyline class=\"curve\" data-name=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\" points=\"", escape(curve.name()), colour));
            double lastX = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < curve.sizes().length; i++) {
                if (logX && curve.sizes()[i] < 1) {
                    continue;
                }
                double x = x(curve.sizes()[i], minSize, maxSize, plotWidth);
                if (x - lastX < 1 && i != curve.sizes().length - 1) {
                    continue;
                }
                lastX = x;
                double y = TOP + plotHeight * (1 - curve.missRatios()[i]);
                out.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            out.append("\"/>\n");
            int legendY = TOP + 10 + 20 * s;
            out.append(String.format("<g class=\"legend\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text></g>%n", WIDTH - RIGHT + 15, legendY,
                    WIDTH - RIGHT + 40, legendY, colour, WIDTH - RIGHT + 46, legendY + 4, escape(curve.name())));
        }
        return out.append("</svg>\n").toString();
    }

    private double x(double size, double min, double max, int width) {
        double f = logX ? Math.log10(Math.max(size, 1)) / Math.log10(Math.max(max, 10)) : (size - min) / (max - min);
        return LEFT + width * f;
    }

    private List<Double> xTicks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        if (logX) {
            for (double t = 1; t <= max * 1.0001; t *= 10) {
                ticks.add(t);
            }
            return ticks;
        }
        double step = Math.pow(10, Math.floor(Math.log10(max / 5)));
        if (max / step > 10) {
            step *= 2;
        }
        for (double t = min; t <= max * 1.0001; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    private static String label(double value) {
        if (value >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (value >= 1e3) {
            return trim(value / 1e3) + "k";
        }
        return trim(value);
    }

    /** Up to three decimals, without trailing zeros. */
    private static String trim(double value) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", value)).stripTrailingZeros().toPlainString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
