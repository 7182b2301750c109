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
        SvgCanvas canvas = new SvgCanvas(WIDTH, height);
        draw(canvas, 0);
        return canvas.document();
    }

    /** The chart's elements as SVG, drawn {@code dy} pixels down, to stack charts in one document. */
    public String body(int dy) {
        SvgCanvas canvas = new SvgCanvas(WIDTH, height);
        draw(canvas, dy);
        return canvas.elements();
    }

    /** The chart as a PNG image. */
    public byte[] png() {
        PngCanvas canvas = new PngCanvas(WIDTH, height);
        draw(canvas, 0);
        return canvas.bytes();
    }

    /** Draws the chart {@code dy} pixels down. */
    public void draw(Canvas c, int dy) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double top = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!logX || s.x()[i] >= 1) {
                    minX = Math.min(minX, s.x()[i]);
                }
                maxX = Math.max(maxX, s.x()[i]);
                top = Math.max(top, s.y()[i]);
            }
        }
        if (logX) {
            // From the decade at or below the smallest size to the largest.
            minX = Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(minX, maxX)))));
            maxX = Math.max(maxX, minX * 10);
        } else if (!(maxX > minX)) {
            minX = 0;
            maxX = Math.max(1, maxX);
        }
        double ymax = Double.isNaN(yMax) ? niceCeiling(top) : yMax;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = height - TOP - BOTTOM;
        int y0 = dy + TOP;
        c.begin("chart");
        c.rect(0, dy, WIDTH, height, "white");
        c.text((LEFT + WIDTH - RIGHT) / 2.0, dy + 28, title, Canvas.Anchor.MIDDLE, 16, "black", false, "title");
        c.begin("axes");
        c.line(LEFT, y0 + plotHeight, LEFT + plotWidth, y0 + plotHeight, "black", 1, false);
        c.line(LEFT, y0, LEFT, y0 + plotHeight, "black", 1, false);
        c.end();
        c.begin("ticks");
        for (double tick : ticks(minX, maxX)) {
            double x = x(tick, minX, maxX, plotWidth);
            c.line(x, y0 + plotHeight, x, y0 + plotHeight + 5, "black", 1, false);
            c.text(x, y0 + plotHeight + 20, label(tick), Canvas.Anchor.MIDDLE, 12, "black", false, null);
        }
        for (int i = 0; i <= 5; i++) {
            double y = y0 + plotHeight * (1 - i / 5.0);
            c.line(LEFT, y, LEFT + plotWidth, y, "#dddddd", 1, false);
            c.text(LEFT - 6, y + 4, label(ymax * i / 5), Canvas.Anchor.END, 12, "black", false, null);
        }
        c.end();
        c.text(LEFT + plotWidth / 2.0, dy + height - 15, xLabel + (logX ? ", log scale" : ""), Canvas.Anchor.MIDDLE, 12,
                "black", false, "xlabel");
        c.text(18, y0 + plotHeight / 2.0, yLabel, Canvas.Anchor.MIDDLE, 12, "black", true, "ylabel");
        for (Marker m : markers) {
            double x = x(m.x(), minX, maxX, plotWidth);
            c.begin("marker");
            c.line(x, y0, x, y0 + plotHeight, "red", 1, true);
            c.text(x + 3, y0 + 12, m.label(), Canvas.Anchor.START, 12, "red", false, null);
            c.end();
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            List<double[]> points = new ArrayList<>();
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
                points.add(new double[] {x, y0 + plotHeight * (1 - Math.min(line.y()[i], ymax) / ymax)});
            }
            c.polyline(line.name(), points, colour);
            int legendY = y0 + 10 + 18 * s;
            c.begin("legend");
            c.line(WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 40, legendY, colour, 2, false);
            c.text(WIDTH - RIGHT + 46, legendY + 4, line.name(), Canvas.Anchor.START, 12, "black", false, null);
            c.end();
        }
        c.end();
    }

    /** The height of the chart. */
    public int height() {
        return height;
    }

    private double x(double value, double min, double max, int width) {
        double f = logX ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
        return LEFT + width * f;
    }

    private List<Double> ticks(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        if (logX) {
            for (double t = min; t <= max * 1.0001; t *= 10) {
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
}
