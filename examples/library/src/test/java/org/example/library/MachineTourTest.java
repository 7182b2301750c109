package org.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTourTest {
    @Test
    void theReplacedOomKillerTakesTheOldestAndTheListenerHearsIt() {
        List<String> lines = Stdout.of(() -> MachineTour.main(new String[0]));
        assertTrue(lines.get(0).startsWith("heard: OOM kill of editor (pid "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MemTotal:")), String.join("\n", lines));
        assertEquals("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----",
                lines.get(lines.size() - 3));
    }
}
