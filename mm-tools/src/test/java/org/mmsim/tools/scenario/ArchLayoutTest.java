package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;

/** Where a program lands on each paging mode, and how a 32-bit kernel prints it. */
class ArchLayoutTest {
    private final ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());

    private String maps(String machine) {
        return runner.run("a.mms", List.of(machine, "spawn p", "cat /proc/p/maps"), OptionalLong.empty()).text();
    }

    @Test
    void onI386TheProgramLoadsAtTwoThirdsOfThreeGibAndTheStackEndsAtThreeGib() {
        for (String machine : List.of("machine arch=i386 ram=1G", "machine arch=i386 levels=3 ram=8G")) {
            String[] lines = maps(machine).split("\n");
            assertTrue(lines[0].startsWith("80000000-"), lines[0]);
            String stack = lines[lines.length - 1];
            assertTrue(stack.matches("[0-9a-f]{8}-c0000000 rw-p 00000000 00:00 0 {10}\\[stack\\]"), stack);
            assertEquals(49, stack.indexOf('['), "a 32-bit kernel pads to 25 + 4 * 6 - 1 columns and a space");
            assertFalse(String.join("\n", lines).contains("[vsyscall]"), "i386 has no vsyscall page");
        }
    }

    @Test
    void fiveLevelPagingKeepsTheFortySevenBitWindowForStackAndPrograms() {
        String[] lines = maps("machine levels=5").split("\n");
        assertTrue(lines[0].startsWith("555555554000-"), lines[0]);
        assertTrue(lines[lines.length - 2].contains("-7ffffffff000 rw-p") && lines[lines.length - 2].endsWith("[stack]"),
                lines[lines.length - 2]);
    }

    @Test
    void pmapOnI386HasEightDigitAddresses() {
        String text = runner.run("a.mms", List.of("machine arch=i386 ram=1G", "spawn p", "pmap -x p"), OptionalLong.empty())
                .text();
        String[] lines = text.split("\n");
        assertEquals("Address   Kbytes     RSS   Dirty Mode  Mapping", lines[1]);
        // hello's headers, a third of its 20 KiB of read-only data rounded up to pages, 8 KiB, read whole at start.
        assertTrue(lines[2].matches("80000000 {7}8 {7}8 {7}0 r---- hello"), lines[2]);
        assertEquals("-------- ------- ------- ------- ", lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].startsWith("total kB "), lines[lines.length - 1]);
    }
}
