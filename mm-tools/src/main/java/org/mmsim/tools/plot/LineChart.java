package org.mmsim.tools.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as a self-contained SVG document: a title, labelled axes with ticks (x linear or log-scaled), one line
 * per series with a legend, and vertical markers (an event at a moment, such as an OOM kill). Points are thinned to
 * one per horizontal pixel, so a series of millions of points stays a small file.
 */
public final class LineChart {
    private static final int WIDTH = 800;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    /** One line: its name and its points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** A vertical line at {@code x}, labelled. */
    public record Marker(double x, String label) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final int height;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private double yMax = Double.NaN;

    public LineChart(String title, String xLabel, String yLabel, boolean logX, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.height = height;
    }

    /** Fixes the top of the y axis (else the largest value, rounded up). */
    public LineChart yMax(double value) {
        yMax = value;
        return this;
    }

    public LineChart add(Series line) {
        series.add(line);
        return this;
    }

    public LineChart mark(Marker marker) {
        markers.add(marker);
        return this;
    }

    /** The SVG document. */
    public String svg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height, WIDTH, height) + body(0) + "</svg>\n";
    }

    /** The chart's elements, drawn {@code dy} pixels down, to stack charts in one document. */
    public String body(int dy) {
        double minX = logX ? 1 : Double.POSITIVE_INFINITY;
        double maxX = logX ? 10 : Double.NEGATIVE_INFINITY;
        double top = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!logX) {
                    minX = Math.min(minX, s.x()[i]);
                }
                maxX = Math.max(maxX, s.x()[i]);
                top = Math.max(top, s.y()[i]);
            }
        }
        if (!(maxX > minX)) {
            minX = 0;
            maxX = Math.max(1, maxX);
        }
        double ymax = Double.isNaN(yMax) ? niceCeiling(top) : yMax;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = height - TOP - BOTTOM;
        int y0 = dy + TOP;
        StringBuilder out = new StringBuilder();
        out.append(String.format("<g class=\"chart\">%n<rect y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", dy,
                WIDTH, height));
        out.append(String.format("<text class=\"title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"16\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, dy + 28, escape(title)));
        out.append(String.format("<g class=\"axes\" stroke=\"black\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>%n", LEFT, y0 + plotHeight, LEFT + plotWidth,
                y0 + plotHeight, LEFT, y0, LEFT, y0 + plotHeight));
        out.append("<g class=\"ticks\" text-anchor=\"middle\">\n");
        for (double tick : ticks(minX, maxX)) {
            double x = x(tick, minX, maxX, plotWidth);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x, y0 + plotHeight, x, y0 + plotHeight + 5, x,
                    y0 + plotHeight + 20, label(tick)));
        }
        for (int i = 0; i <= 5; i++) {
            double y = y0 + plotHeight * (1 - i / 5.0);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotWidth, y, LEFT - 6,
                    y + 4, label(ymax * i / 5)));
        }
        out.append("</g>\n");
        out.append(String.format("<text class=\"xlabel\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2, dy + height - 15, escape(xLabel + (logX ? ", log scale" : ""))));
        out.append(String.format("<text class=\"ylabel\" x=\"18\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %d)\">%s</text>%n", y0 + plotHeight / 2, y0 + plotHeight / 2, escape(yLabel)));
        for (Marker m : markers) {
            double x = x(m.x(), minX, maxX, plotWidth);
            out.append(String.format(Locale.ROOT, "<g class=\"marker\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"red\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"red\">%s</text></g>%n",
                    x, y0, x, y0 + plotHeight, x + 3, y0 + 12, escape(m.label())));
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            out.append(String.format("<polyline class=\"series\" data-name=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\" points=\"", escape(line.name()), colour));
            double lastX = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < line.x().length; i++) {
                if (logX && line.x()[i] < 1) {
                    continue;
                }
                double x = x(line.x()[i], minX, maxX, plotWidth);
                if (x - lastX < 1 && i != line.x().length - 1) {
                    continue;
                }
                lastX = x;
                double y = y0 + plotHeight * (1 - Math.min(line.y()[i], ymax) / ymax);
                out.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            out.append("\"/>\n");
            int legendY = y0 + 10 + 18 * s;
            out.append(String.format("<g class=\"legend\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text></g>%n", WIDTH - RIGHT + 15, legendY,
                    WIDTH - RIGHT + 40, legendY, colour, WIDTH - RIGHT + 46, legendY + 4, escape(line.name())));
        }
        return out.append("</g>\n").toString();
    }

    /** The height of the chart. */
    public int height() {
        return height;
    }

    private double x(double value, double min, double max, int width) {
        double f = logX ? Math.log10(Math.max(value, 1)) / Math.log10(max) : (value - min) / (max - min);
        return LEFT + width * f;
    }

    private List<Double> ticks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        if (logX) {
            for (double t = 1; t <= max * 1.0001; t *= 10) {
                ticks.add(t);
            }
            return ticks;
        }
        double step = Math.pow(10, Math.floor(Math.log10((max - min) / 5)));
        if ((max - min) / step > 10) {
            step *= 2;
        }
        for (double t = Math.ceil(min / step) * step; t <= max * 1.0001; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten at or above {@code value} (1 for nothing). */
    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        if (Math.abs(value) >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (Math.abs(value) >= 1e3) {
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
