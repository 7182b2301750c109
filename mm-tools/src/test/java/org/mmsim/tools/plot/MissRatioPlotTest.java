package org.mmsim.tools.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The plot is a well-formed SVG document with what a reader needs: a titled chart, axes, labels, a legend, curves. */
class MissRatioPlotTest {
    private static Document parse(String svg) throws Exception {
        // The tests run inside org.mmsim.tools, which needs no XML itself: the test reads java.xml on its own.
        Module xml = ModuleLayer.boot().findModule("java.xml").orElseThrow();
        MissRatioPlotTest.class.getModule().addReads(xml);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void twoCurvesWithTheirLegendAxesAndTitle() throws Exception {
        double[] sizes = {0, 1, 10, 100, 1000};
        String svg = new MissRatioPlot("LRU miss-ratio curve of w106 <test>", true)
                .add(new MissRatioPlot.Series("lru", sizes, new double[] {1, 0.9, 0.5, 0.2, 0.1}))
                .add(new MissRatioPlot.Series("arc", sizes, new double[] {1, 0.8, 0.4, 0.15, 0.1})).svg();
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getAttribute("xmlns"));
        NodeList curves = doc.getElementsByTagName("polyline");
        assertEquals(2, curves.getLength());
        for (int i = 0; i < 2; i++) {
            String[] points = ((Element) curves.item(i)).getAttribute("points").trim().split(" ");
            assertEquals(4, points.length, "the size-0 point has no place on a log axis");
            double previousX = -1;
            for (String point : points) {
                double x = Double.parseDouble(point.split(",")[0]);
                assertTrue(x > previousX, "left to right");
                previousX = x;
            }
        }
        StringBuilder texts = new StringBuilder();
        NodeList all = doc.getElementsByTagName("text");
        for (int i = 0; i < all.getLength(); i++) {
            texts.append(all.item(i).getTextContent()).append('|');
        }
        assertTrue(texts.toString().contains("LRU miss-ratio curve of w106 <test>|"), texts.toString());
        assertTrue(texts.toString().contains("cache size (pages), log scale|") && texts.toString().contains("miss ratio|"));
        assertTrue(texts.toString().contains("|lru|") && texts.toString().contains("|arc|"), "the legend names both");
        assertTrue(texts.toString().contains("|1|10|100|1k|"), "decade ticks: " + texts);
    }
}
