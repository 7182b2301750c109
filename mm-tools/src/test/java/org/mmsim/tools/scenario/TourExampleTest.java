package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/** examples/tour.mms, the README's first command: every step's caption, then its view, and each step's point. */
class TourExampleTest {
    @Test
    void everyStepShowsWhatItSays() throws IOException {
        Path tour = Path.of("../examples/tour.mms");
        ScenarioResult result = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .run(tour.toString(), Files.readAllLines(tour), OptionalLong.empty());
        String text = result.text();
        assertFalse(result.panicked(), text);
        for (int step = 1; step <= 9; step++) {
            int at = text.indexOf("== " + step + ". ");
            assertTrue(at >= 0, "step " + step + " is there");
            int end = text.indexOf('\n', at);
            assertTrue(end + 1 < text.length() && text.charAt(end + 1) != '=', "step " + step + " shows a view");
        }
        // What hello's start left resident, and no more: 1056 kB of file pages and 84 kB anonymous, as
        // ProgramStartTest derives them.
        assertTrue(text.contains("after malloc: max RSS = 1140 kB"), "malloc is lazy");
        assertTrue(text.contains("65536 pages, 65536 in the page cache, 0 from disk"), "the second read is cached");
        assertTrue(text.contains("\ntour_obj              21     21    192"), "the new cache has a slab");
        String pressure = text.substring(text.indexOf("== 7."), text.indexOf("== 8."));
        String average = pressure.substring(pressure.indexOf("Average:"));
        String[] rates = average.trim().split(" +");
        // The first pass past RAM goes at the pace the disk writes the pages out: most of its 100 MiB/s.
        assertTrue(Double.parseDouble(rates[2]) > 50 * 1024, "pages go to swap: " + average);
        // sar's rates are over the simulated time its intervals took: never more than the disk moves, 102 400 KiB/s.
        assertTrue(Double.parseDouble(rates[1]) + Double.parseDouble(rates[2]) <= 102_400, "the disk's bandwidth: " + average);
        assertEquals(1, result.machine().vmstat().get(VmItem.OOM_KILL), "one OOM kill");
        assertTrue(text.contains("\nhog: Killed\n") && text.contains("\napp: max RSS = "), "the hog goes, app stays");
    }
}
