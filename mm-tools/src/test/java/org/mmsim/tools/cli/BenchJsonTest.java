package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A benchmark's --json: one object naming it, with every figure it measured, each a positive rate with its unit. */
class BenchJsonTest {
    @Test
    void kmallocsFiguresAsJson() throws IOException {
        MainTest.Outcome outcome = MainTest.mm("bench", "kmalloc", "--pairs", "2000", "--runs", "1", "--json");
        assertEquals(0, outcome.status(), outcome.err());
        JsonNode root = new ObjectMapper().readTree(outcome.out());
        assertEquals("kmalloc", root.get("benchmark").asText());
        // Two figures for each of the 13 size classes, and the vm_area_struct cache.
        assertEquals(27, root.get("figures").size());
        for (JsonNode figure : root.get("figures")) {
            assertTrue(figure.get("value").asDouble() > 0 && figure.get("unit").asText().equals("pairs/s"), figure.toString());
        }
    }

    @Test
    void allocAndMmuPrintOnlyTheFiguresTheyOwn() throws IOException {
        // Order-0 pairs and translations are JMH's figures (mm-bench), heap per frame JOL's: alloc keeps mixed orders
        // and boot times; mmu runs TranslationBench's loop.
        assertEquals(List.of("mixed orders alloc+free:pairs/s", "16M boot:s"),
                figures("bench", "alloc", "--pairs", "2000", "--runs", "1", "--ram", "16M", "--json"));
        assertEquals(List.of("TLB-hit path:translations/s", "walk path:translations/s"),
                figures("bench", "mmu", "--accesses", "1000", "--runs", "1", "--json"));
    }

    @Test
    void scenarioTimesEchoLines() throws IOException {
        assertEquals(List.of("echo lines:lines/s"), figures("bench", "scenario", "--lines", "100", "--runs", "1", "--json"));
    }

    /** Each figure's name and unit, after checking that its value is positive. */
    private static List<String> figures(String... args) throws IOException {
        MainTest.Outcome outcome = MainTest.mm(args);
        assertEquals(0, outcome.status(), outcome.err());
        List<String> figures = new ArrayList<>();
        for (JsonNode figure : new ObjectMapper().readTree(outcome.out()).get("figures")) {
            assertTrue(figure.get("value").asDouble() > 0, figure.toString());
            figures.add(figure.get("name").asText() + ":" + figure.get("unit").asText());
        }
        return figures;
    }
}
