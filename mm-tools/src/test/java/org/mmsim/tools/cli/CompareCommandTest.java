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

class CompareCommandTest {
    @TempDir
    Path dir;

    private Path trace() throws IOException {
        Path file = dir.resolve("c.trace");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append((i * 7919L) % 61 + (i % 5 == 0 ? 100 : 0)).append('\n');
        }
        Files.writeString(file, text.toString());
        return file;
    }

    @Test
    void aRowPerCapacityAColumnPerPolicyAndTheSameAsReplay() throws IOException {
        Path file = trace();
        MainTest.Outcome outcome = MainTest.mm("compare", "--trace", file.toString(), "--policies", "lru,fifo,arc",
                "--capacities", "4,16,50%");
        assertEquals(0, outcome.status(), outcome.err());
        List<String> lines = List.of(outcome.out().split("\n"));
        assertEquals(5, lines.size(), outcome.out());
        assertTrue(lines.get(1).matches("miss ratio +lru +fifo +arc"), lines.get(1));
        assertTrue(lines.get(4).startsWith("50% = "), lines.get(4));
        MainTest.Outcome replay = MainTest.mm("replay", "--trace", file.toString(), "--policy", "arc", "--capacity", "16",
                "--json");
        double arc = new ObjectMapper().readTree(replay.out()).get("missRatio").asDouble();
        assertTrue(lines.get(3).endsWith(String.format(java.util.Locale.ROOT, "%.4f", arc)), lines.get(3));
    }

    @Test
    void csvJsonAndPlotCarryEveryPair() throws IOException {
        Path csv = dir.resolve("c.csv");
        Path svg = dir.resolve("c.svg");
        MainTest.Outcome outcome = MainTest.mm("compare", "--trace", trace().toString(), "--policies", "lru,fifo",
                "--capacities", "4,16,32", "--csv", csv.toString(), "--plot", svg.toString(), "--json", "--threads", "1");
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode root = new ObjectMapper().readTree(outcome.out());
        assertEquals(6, root.get("results").size());
        assertEquals(2000, root.get("requests").asLong());
        assertEquals(7, Files.readAllLines(csv).size());
        String plot = Files.readString(svg);
        assertEquals(2, plot.split("<polyline", -1).length - 1, "a curve per policy");
        MainTest.Outcome parallel = MainTest.mm("compare", "--trace", trace().toString(), "--policies", "lru,fifo",
                "--capacities", "4,16,32", "--json", "--threads", "2");
        JsonNode again = new ObjectMapper().readTree(parallel.out());
        for (int i = 0; i < 6; i++) {
            assertEquals(root.get("results").get(i).get("misses"), again.get("results").get(i).get("misses"),
                    "threads change nothing but the time");
        }
    }

    @Test
    void anUnknownPolicyIsOneLineAndStatusTwo() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("compare", "--trace", trace().toString(), "--policies", "lru,nosuch",
                "--capacities", "4");
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().startsWith("--policy nosuch: unknown replacement policy"), outcome.err());
        assertEquals(1, outcome.err().strip().split("\n").length);
    }

    @Test
    void aPolicyThatFailsLeavesTheOthersTableAndCsvAndStatusOne() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        ThrowingPolicy.jar(plugins);
        Path csv = dir.resolve("out.csv");
        MainTest.Outcome outcome = MainTest.mm("compare", "--plugin-path", plugins.toString(), "--trace", trace().toString(),
                "--policy", "lru,throwing", "--capacity", "4", "--csv", csv.toString());
        assertEquals(1, outcome.status(), outcome.err());
        List<String> lines = List.of(outcome.out().split("\n"));
        assertTrue(lines.get(2).matches("4 +\\d\\.\\d{4} +failed"), lines.get(2));
        assertEquals("mm: policy 'throwing' failed: threw at request 3: out of ideas\n", outcome.err());
        assertEquals(2, Files.readAllLines(csv).size(), "the header and lru's row");
    }
}
