package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcCommandTest {
    @TempDir
    Path dir;

    private Path trace() throws IOException {
        Path file = dir.resolve("m.trace");
        // 1 2 3 1 2 3 4 1: stack distances 3, 3, 3 and 4, four first requests.
        Files.writeString(file, "1\n2\n3\n1\n2\n3\n4\n1\n");
        return file;
    }

    @Test
    void jsonGivesTheCurveAtTheCapacitiesAsked() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("mrc", "--trace", trace().toString(), "--capacities", "2,3,4", "--json");
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode root = new ObjectMapper().readTree(outcome.out());
        assertEquals(8, root.get("requests").asLong());
        assertEquals(4, root.get("distinctKeys").asLong());
        assertEquals(1.0, root.get("points").get(0).get("missRatio").asDouble(), 1e-12);
        assertEquals(5 / 8.0, root.get("points").get(1).get("missRatio").asDouble(), 1e-12);
        assertEquals(4 / 8.0, root.get("points").get(2).get("missRatio").asDouble(), 1e-12);
    }

    @Test
    void csvHasEverySizeAndThePlotIsWritten() throws IOException {
        Path csv = dir.resolve("c.csv");
        Path svg = dir.resolve("p.svg");
        MainTest.Outcome outcome = MainTest.mm("mrc", "--trace", trace().toString(), "--csv", csv.toString(), "--plot",
                svg.toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals(List.of("capacity,miss_ratio", "1,1.000000", "2,1.000000", "3,0.625000", "4,0.500000"),
                Files.readAllLines(csv));
        assertTrue(Files.readString(svg).contains("LRU miss-ratio curve of m.trace"));
        assertTrue(outcome.out().startsWith("trace "), outcome.out());
    }

    @Test
    void aBadSampleRateIsOneLineAndStatusTwo() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("mrc", "--trace", trace().toString(), "--sample", "0");
        assertEquals(2, outcome.status());
        assertEquals(1, outcome.err().strip().split("\n").length, outcome.err());
        assertTrue(outcome.err().contains("--sample 0.0"), outcome.err());
    }

    @Test
    void aPngPlotOrARefusedFormat() throws IOException {
        Path png = dir.resolve("p.png");
        MainTest.Outcome outcome = MainTest.mm("mrc", "--trace", trace().toString(), "--plot", png.toString());
        assertEquals(0, outcome.status(), outcome.err());
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG file");
        MainTest.Outcome gif = MainTest.mm("mrc", "--trace", trace().toString(), "--plot", dir.resolve("p.gif").toString());
        assertEquals(2, gif.status());
        assertTrue(gif.err().contains("expected an .svg or .png file"), gif.err());
    }
}
