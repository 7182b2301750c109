package org.mmsim.tools.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG is the SVG's chart painted: an image of the chart's size, white, with the series' colour along its line. */
class LineChartPngTest {
    @Test
    void aPngOfTheChart() throws IOException {
        LineChart chart = new LineChart("t", "x", "y", false, 400).yMax(1)
                .add(new LineChart.Series("flat", new double[] {0, 10}, new double[] {0.5, 0.5}));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertEquals(800, image.getWidth());
        assertEquals(400, image.getHeight());
        assertEquals(0xffffff, image.getRGB(790, 390) & 0xffffff, "white background");
        // The plot spans y 50..340; a value of 0.5 of a 0..1 axis is drawn at y 195, in the first colour (#1f77b4).
        int blue = 0;
        for (int x = 100; x < 600; x += 50) {
            for (int y = 192; y <= 198; y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                blue += (rgb & 0xff) > 0x90 && (rgb >> 16) < 0x60 ? 1 : 0;
            }
        }
        assertTrue(blue >= 10, "the line is there: " + blue);
    }
}
