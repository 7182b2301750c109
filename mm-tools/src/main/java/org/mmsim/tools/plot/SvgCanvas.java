package org.mmsim.tools.plot;

import java.util.List;
import java.util.Locale;

/** A canvas that writes SVG elements, and the self-contained document around them. */
public final class SvgCanvas implements Canvas {
    private final int width;
    private final int height;
    private final StringBuilder out = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void begin(String cls) {
        out.append("<g class=\"").append(cls).append("\">\n");
    }

    @Override
    public void end() {
        out.append("</g>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x, y, w, h, fill));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double strokeWidth, boolean dashed) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%.0f\"%s/>%n", x1, y1, x2, y2, colour, strokeWidth, dashed ? " stroke-dasharray=\"4 3\"" : ""));
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, int size, String colour, boolean vertical, String cls) {
        out.append(String.format(Locale.ROOT, "<text%s x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" "
                + "fill=\"%s\"%s>%s</text>%n", cls == null ? "" : " class=\"" + cls + "\"", x, y,
                anchor.name().toLowerCase(Locale.ROOT), size, colour,
                vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : "", escape(text)));
    }

    @Override
    public void polyline(String name, List<double[]> points, String colour) {
        out.append(String.format("<polyline class=\"series\" data-name=\"%s\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"2\" points=\"", escape(name), colour));
        for (double[] p : points) {
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        out.append("\"/>\n");
    }

    /** The elements drawn so far. */
    public String elements() {
        return out.toString();
    }

    /** The whole document: the elements in an {@code <svg>} of the canvas's size. */
    public String document() {
        return documentOf(width, height, out.toString());
    }

    /** An SVG document of {@code width} × {@code height} around {@code elements}. */
    public static String documentOf(int width, int height, String elements) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height) + elements + "</svg>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
