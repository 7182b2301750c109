package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.PerfCounts;

/**
 * The locality verbs and perf stat on a machine: a sweep visits each element once in either order, a chase's
 * permutation is one cycle, a touch costs its accesses' cycles at the core's clock as user time, a TLB miss's walk
 * loads each level's entry through the caches, two writers of one line transfer it every time, and perf stat
 * counts a line's own events.
 */
class LocalityVerbsTest {
    private final ScenarioHarness harness = new ScenarioHarness("l.mms");

    @Property(tries = 50)
    void aChaseIsOneCycleThroughEveryElement(@ForAll @IntRange(min = 2, max = 3000) int n, @ForAll long seed) {
        int[] next = LocalityVerbs.cycle(n, seed);
        boolean[] seen = new boolean[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(!seen[at], "element " + at + " visited twice before the cycle closed");
            seen[at] = true;
            at = next[at];
        }
        assertEquals(0, at, "the cycle closes after n steps");
    }

    private static long count(String text, String event) {
        Matcher m = Pattern.compile("(?m)^\\s+([\\d,]+)\\s+" + Pattern.quote(event) + "\\b").matcher(text);
        assertTrue(m.find(), "no " + event + " in\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void rowAndColumnOrderLoadEveryElementOnceAndColumnsMissMore() {
        ScenarioResult r = harness.run("machine ram=256M cpus=1", "spawn p", "p malloc a 1M", "p malloc b 1M",
                "p touch a", "p touch b",
                "perf stat -e L1-dcache-loads,L1-dcache-load-misses,cycles p sweep a elem=16",
                "perf stat -e L1-dcache-loads,L1-dcache-load-misses,cycles p sweep b elem=16 stride=4K");
        String rows = ScenarioHarness.printedBy(r, 7);
        String columns = ScenarioHarness.printedBy(r, 8);
        // 1 MiB of 16-byte elements, each loaded once whatever the order.
        assertEquals(65_536, count(rows, "L1-dcache-loads"));
        assertEquals(65_536, count(columns, "L1-dcache-loads"));
        // Row order misses at most once a 64-byte line (4 elements); column order (a page apart) nearly every time.
        assertTrue(count(rows, "L1-dcache-load-misses") <= 16_384, rows);
        assertTrue(count(columns, "L1-dcache-load-misses") > 60_000, columns);
        // Both read each line from memory once; column order also pays an L2 (or L3) hit for nearly every load.
        assertTrue(count(columns, "cycles") > count(rows, "cycles") + 60_000L * (14 - 4));
    }

    @Test
    void aTouchCostsItsCyclesAtTheClockAndAWalkLoadsEachLevel() {
        ScenarioResult r = harness.run("machine ram=256M cpus=1", "spawn p", "p malloc a 64K", "p touch a",
                "p touch a read length=1");
        var memory = r.machine().memoryHierarchy();
        PerfCounts c = memory.counts(0);
        // 2,600 cycles a microsecond: the CPU's user time is its accesses' cycles at that clock.
        assertEquals(c.cycles() * 1000 / 2600, memory.nanos(0));
        assertTrue(r.machine().cpuTimes().user(0) > 0 && r.machine().cpuTimes().user(0) <= memory.nanos(0));
        // Each entry a walk read is one load through the data caches.
        assertEquals(r.machine().processes().tlbStats(0).walkSteps(), c.walkLoads());
        assertTrue(c.walkLoads() >= 4 * 17, "17 pages (64 KiB and malloc's header) each walked once at least");
    }

    @Test
    void twoWritersOfOneLineTransferItAtEveryTurn() {
        ScenarioResult r = harness.run("machine ram=256M cpus=2", "spawn a", "a mmap m 4K shared", "a touch m write",
                "a fork b",
                "perf stat -a -e xsnp_hitm interleave 100 0 a sweep m write length=8 / 1 b sweep m write offset=8 length=8",
                "perf stat -a -e xsnp_hitm interleave 100 0 a sweep m write length=8 / 1 b sweep m write offset=64 length=8");
        // a's first write hits its own Modified line (its touch wrote it); each of the other 199 finds the line
        // Modified in the other CPU's L1d.
        assertEquals(199, count(ScenarioHarness.printedBy(r, 6), "xsnp_hitm"));
        // A line each: a's first write takes line 0 back from b, which wrote it last above; b's line 1 is only a
        // clean prefetched copy in a's L1d, invalidated without a transfer; then every write hits.
        assertEquals(1, count(ScenarioHarness.printedBy(r, 7), "xsnp_hitm"));
    }

    @Test
    void perfStatOfAProcessCountsItsLoopsTurnsDuringAnyLine() {
        ScenarioResult r = harness.run("machine ram=256M cpus=2", "spawn p", "p malloc a 8M", "p touch a", "p loop a read",
                "tick 100ms", "perf stat -p p -e task-clock,cycles,L1-dcache-loads,dTLB-loads tick 1s");
        String text = ScenarioHarness.printedBy(r, 7);
        int pid = r.machine().processes().tasks().stream().filter(t -> t.name().equals("p")).findFirst().orElseThrow()
                .pid();
        assertTrue(text.contains(" Performance counter stats for process id '" + pid + "':"), text);
        // A CPU to itself for the whole second: 1000 ms of task clock; one load a page, at least a page a 1.5 µs.
        assertTrue(text.contains("           1000.00 msec task-clock"), text);
        assertTrue(count(text, "L1-dcache-loads") > 600_000, text);
        assertTrue(count(text, "cycles") > 0, text);
        assertTrue(text.contains("   <not supported>      dTLB-loads"), "the TLBs count per CPU: " + text);
        assertTrue(!text.contains("seconds user"), "perf watched a process it did not start: " + text);
    }

    @Test
    void badInputIsOneLine() {
        assertTrue(harness.error("machine ram=256M", "spawn p", "p malloc a 4K", "p sweep a elem=8 stride=12")
                .contains("stride=12 with elem=8; expected a whole number of elements"));
        assertTrue(harness.error("machine ram=256M", "spawn p", "perf stat -e cycels p touch a")
                .contains("did you mean 'cycles'"));
        assertTrue(harness.error("machine ram=256M", "perf stat tick 1s").contains("'tick' is not a process"));
        assertTrue(harness.error("machine ram=256M", "spawn p", "interleave 2 0 p touch a /").contains("CPU NAME VERB"));
    }
}
