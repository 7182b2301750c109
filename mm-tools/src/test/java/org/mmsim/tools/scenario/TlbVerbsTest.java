package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.trace.plugin.PolicyRegistry;

/** The TLB settings of the machine line, and what context switches do to the TLB with and without PCIDs. */
class TlbVerbsTest {
    private final ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());

    private TlbStats pingPong(String pcid) {
        ScenarioResult result = runner.run("t.mms", List.of("machine cpus=1 pcid=" + pcid, "spawn a", "spawn b",
                "a malloc x 32K", "b malloc y 32K", "switch 0 a", "a touch x write", "switch 0 b", "b touch y write",
                "switch 0 a", "a touch x read", "switch 0 b", "b touch y read", "tlbstat"), OptionalLong.empty());
        return result.machine().processes().tlbStats(0);
    }

    @Test
    void withoutPcidsEverySwitchFlushesAndTheRereadsMiss() {
        TlbStats off = pingPong("off");
        TlbStats on = pingPong("on");
        assertEquals(4, off.flushes(), "one flush per switch to another address space");
        assertEquals(0, on.flushes(), "PCID-tagged entries survive the switches");
        // 32 KiB after glibc's 16-byte chunk header spans 9 pages; each process re-reads its 9 after a flush.
        assertEquals(18, off.walks() - on.walks(), "each page re-read after a flush walks again");
    }

    @Test
    void tlbstatPrintsAHeaderAndALinePerCpu() {
        ScenarioResult result = runner.run("t.mms", List.of("machine cpus=3", "tlbstat"), OptionalLong.empty());
        String[] lines = result.text().split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("cpu    dTLB-hits"), lines[0]);
        assertTrue(lines[3].startsWith("  2 "), lines[3]);
    }

    @Test
    void tlbGeometriesAreCheckedOnTheMachineLine() {
        ScenarioResult result = runner.run("t.mms", List.of("machine dtlb=32x2 itlb=64x4 stlb=512x8"), OptionalLong.empty());
        assertEquals(32, result.machine().config().tlb().dtlbEntries());
        assertEquals(8, result.machine().config().tlb().stlbWays());
        String bad = assertThrows(ScenarioException.class,
                () -> runner.run("t.mms", List.of("machine stlb=1536x7"), OptionalLong.empty())).getMessage();
        assertTrue(bad.startsWith("t.mms:1: ") && bad.contains("stlb 1536x7; expected ENTRIESxWAYS"), bad);
        String word = assertThrows(ScenarioException.class,
                () -> runner.run("t.mms", List.of("machine pcid=maybe"), OptionalLong.empty())).getMessage();
        assertTrue(word.contains("pcid 'maybe'; expected on or off"), word);
    }
}
