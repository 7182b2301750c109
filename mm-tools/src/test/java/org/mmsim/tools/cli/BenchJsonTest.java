package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
}
