package org.mmsim.tools.plot;

import java.util.List;

/** What a chart draws on: an SVG document or a PNG image. Coordinates are pixels from the top left. */
public interface Canvas {
    /** Where a text's position is: its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    /** Starts a group of elements of a class (SVG's {@code <g class>}; nothing for an image). */
    void begin(String cls);

    /** Ends the group begun last. */
    void end();

    void rect(double x, double y, double width, double height, String fill);

    void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed);

    /** A text; {@code vertical} turns it a quarter left about its position; {@code cls} may be null. */
    void text(double x, double y, String text, Anchor anchor, int size, String colour, boolean vertical, String cls);

    /** A series' line through {@code points} ({x, y} each). */
    void polyline(String name, List<double[]> points, String colour);
}
