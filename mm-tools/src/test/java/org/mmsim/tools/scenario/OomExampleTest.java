package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * examples/oom.mms: the batch job, smaller than the hog and the web server but at oom_score_adj 500, is the one the
 * OOM killer picks; its report is printed once; sshd (-1000), web and the hog go on to report.
 */
class OomExampleTest {
    @Test
    void theBatchJobIsKilledAndTheOthersGoOn() throws IOException {
        Path example = Path.of("../examples/oom.mms");
        ScenarioResult result = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .run(example.toString(), Files.readAllLines(example), OptionalLong.empty());
        String text = result.text();
        assertFalse(result.panicked(), text);
        assertEquals(1, result.machine().vmstat().get(VmItem.OOM_KILL), text);
        Matcher killed = Pattern.compile("\\] Out of memory: Killed process \\d+ \\((\\S+)\\)").matcher(text);
        assertTrue(killed.find(), text);
        assertEquals("batch", killed.group(1));
        assertEquals(1, text.split(" invoked oom-killer: ", -1).length - 1, "one report");
        assertTrue(text.contains("\nbatch: Killed\n"), text);
        for (String survivor : List.of("hog", "web", "sshd")) {
            assertTrue(text.contains("\n" + survivor + ": max RSS = "), survivor + " goes on: " + text);
        }
        // The scores it printed before: batch's is the highest though it holds the least of the three.
        List<Long> scores = text.lines().filter(l -> l.matches("\\d+")).map(Long::parseLong).toList();
        assertEquals(4, scores.size(), text);
        assertEquals(0, scores.get(1), "sshd at -1000");
        assertTrue(scores.get(2) > scores.get(0) && scores.get(2) > scores.get(3), "batch's is the highest: " + scores);
    }
}
