package org.mmsim.tools.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** A canvas that paints an image with Java 2D (headless) and encodes it as PNG. */
public final class PngCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    public PngCanvas(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    @Override
    public void begin(String cls) {
        // An image has no groups.
    }

    @Override
    public void end() {
        // An image has no groups.
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill) {
        g.setColor(colour(fill));
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed) {
        g.setColor(colour(colour));
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0)
                : new BasicStroke((float) width));
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, int size, String colour, boolean vertical, String cls) {
        g.setColor(colour(colour));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        int width = g.getFontMetrics().stringWidth(text);
        double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? width / 2.0 : width;
        AffineTransform saved = g.getTransform();
        if (vertical) {
            g.rotate(-Math.PI / 2, x, y);
        }
        g.drawString(text, (float) (x - shift), (float) y);
        g.setTransform(saved);
    }

    @Override
    public void polyline(String name, List<double[]> points, String colour) {
        if (points.isEmpty()) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points.get(0)[0], points.get(0)[1]);
        for (double[] p : points.subList(1, points.size())) {
            path.lineTo(p[0], p[1]);
        }
        g.setColor(colour(colour));
        g.setStroke(new BasicStroke(2));
        g.draw(path);
    }

    /** The image as PNG bytes. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Color colour(String css) {
        switch (css) {
            case "white":
                return Color.WHITE;
            case "black":
                return Color.BLACK;
            case "red":
                return Color.RED;
            default:
                return Color.decode(css);
        }
    }
}
