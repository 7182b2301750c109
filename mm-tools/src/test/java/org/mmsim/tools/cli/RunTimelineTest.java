package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code ./mm run --plot}: a well-formed SVG with both charts, every series inside its chart, OOM kills marked. */
class RunTimelineTest {
    @TempDir
    Path dir;

    @Test
    void theTimelineOfARunWithAnOomKill() throws Exception {
        Path scenario = dir.resolve("t.mms");
        Files.writeString(scenario, String.join("\n", "machine ram=256M swap=0", "spawn a", "spawn b",
                "a malloc m 100M", "a touch m", "tick 1s", "b malloc m 200M", "b touch m", "tick 1s", ""));
        Path svg = dir.resolve("t.svg");
        MainTest.Outcome outcome = MainTest.mm("run", scenario.toString(), "--plot", svg.toString());
        assertEquals(0, outcome.status(), outcome.err());
        XmlReads.readsXml();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        Element root = doc.getDocumentElement();
        double height = Double.parseDouble(root.getAttribute("height"));
        List<String> names = new ArrayList<>();
        java.util.Set<String> l1dHeights = new java.util.HashSet<>();
        NodeList lines = doc.getElementsByTagName("polyline");
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            names.add(line.getAttribute("data-name"));
            if (line.getAttribute("data-name").equals("L1d misses")) {
                for (String point : line.getAttribute("points").trim().split(" ")) {
                    l1dHeights.add(point.split(",")[1]);
                }
            }
            for (String point : line.getAttribute("points").trim().split(" ")) {
                String[] xy = point.split(",");
                double x = Double.parseDouble(xy[0]);
                double y = Double.parseDouble(xy[1]);
                assertTrue(x >= 0 && x <= 800 && y >= 0 && y <= height, line.getAttribute("data-name") + " " + point);
            }
        }
        assertTrue(names.containsAll(List.of("free DMA32", "page cache", "swap used", "pgscan/s", "pgsteal/s", "L1d misses",
                "LLC misses")), names.toString());
        assertTrue(l1dHeights.size() > 1, "the touches' first accesses to each page miss the L1d: " + l1dHeights);
        assertEquals(List.of("RSS init (1)", "RSS a (38)", "RSS b (39)"),
                names.stream().filter(n -> n.startsWith("RSS ")).toList(), "init and the two programs, by name");
        int markers = 0;
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            markers += ((Element) groups.item(i)).getAttribute("class").equals("marker") ? 1 : 0;
        }
        assertEquals(3, markers, "the OOM kill, marked on each chart");
        assertTrue(Files.readString(svg).contains(">Memory over time: "));
    }
}
