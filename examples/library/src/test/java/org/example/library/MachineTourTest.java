package org.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTourTest {
    @Test
    void theReplacedOomKillerTakesTheOldestAndTheListenerHearsIt() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            MachineTour.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("heard: OOM kill of editor (pid "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MemTotal:")), String.join("\n", lines));
        assertEquals("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----",
                lines.get(lines.size() - 3));
    }
}
