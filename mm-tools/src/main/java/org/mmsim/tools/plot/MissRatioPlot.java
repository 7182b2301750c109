package org.mmsim.tools.plot;

import org.mmsim.tools.plot.LineChart;

/**
 * Miss-ratio curves as a self-contained SVG document: miss ratio (0 to 1) against cache size in pages, linear or
 * log-scaled, one line per series with a legend, labelled axes with ticks, and a title naming the trace.
 */
public final class MissRatioPlot {
    /** One curve: the miss ratio at each cache size. */
    public record Series(String name, double[] sizes, double[] missRatios) {
    }

    private final LineChart chart;

    public MissRatioPlot(String title, boolean logX) {
        this.chart = new LineChart(title, "cache size (pages)", "miss ratio", logX, 500).yMax(1);
    }

    /** Adds a curve. */
    public MissRatioPlot add(Series curve) {
        chart.add(new LineChart.Series(curve.name(), curve.sizes(), curve.missRatios()));
        return this;
    }

    /** The SVG document. */
    public String svg() {
        return chart.svg();
    }

    /** The same as a PNG image. */
    public byte[] png() {
        return chart.png();
    }
}
