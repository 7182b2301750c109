package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;

/**
 * The memory-policy verbs on two nodes of 256 MiB with a CPU each, each placement counted by hand: a 1 MiB mapping is
 * 256 pages; bound or preferred they are all on the node; interleaved over two nodes by their index, 128 each;
 * weighted 3 to 1, 192 and 64; local, on the node of the CPU numactl bound the program to. And a bad line's one-line
 * error.
 */
class NumaVerbsTest {
    private static final String MACHINE = "machine ram=512M cpus=2 nodes=2 memory=numa swap=0";
    private final ScenarioHarness scenarios = new ScenarioHarness("n.mms");

    /** The numa_maps line of the 256-page mapping {@code buf} of process {@code name}, after it is written. */
    private String bufLine(String... lines) {
        List<String> all = new ArrayList<>(List.of(MACHINE));
        all.addAll(List.of(lines));
        ScenarioResult result = scenarios.run(all);
        String text = result.text();
        return text.lines().filter(l -> l.contains(" anon=256 ")).reduce((a, b) -> b).orElse(text)
                .replaceFirst("^[0-9a-f]+ ", "");
    }

    @Test
    void eachPolicyPlacesTheBufferAsWorkedByHand() {
        assertEquals("bind:1 anon=256 dirty=256 active=0 N1=256 kernelpagesize_kB=4", bufLine(
                "numactl --membind=1 --cpunodebind=0 spawn a", "a mmap buf 1M", "a touch buf write",
                "cat /proc/a/numa_maps"));
        assertEquals("interleave:0-1 anon=256 dirty=256 active=0 N0=128 N1=128 kernelpagesize_kB=4", bufLine(
                "numactl --interleave=all spawn a", "a mmap buf 1M", "a touch buf write", "cat /proc/a/numa_maps"));
        assertEquals("prefer:1 anon=256 dirty=256 active=0 N1=256 kernelpagesize_kB=4", bufLine(
                "numactl --preferred=1 spawn a", "a mmap buf 1M", "a touch buf write", "cat /proc/a/numa_maps"));
        assertEquals("local anon=256 dirty=256 active=0 N1=256 kernelpagesize_kB=4", bufLine(
                "numactl --localalloc --cpunodebind=1 spawn a", "a mmap buf 1M", "a touch buf write",
                "cat /proc/a/numa_maps"));
        assertEquals("weighted interleave:0-1 anon=256 dirty=256 active=0 N0=192 N1=64 kernelpagesize_kB=4", bufLine(
                "echo 3 > /sys/kernel/mm/mempolicy/weighted_interleave/node0", "spawn a", "a mmap buf 1M",
                "a mbind buf weighted_interleave 0-1", "a touch buf write", "cat /proc/a/numa_maps"));
        assertEquals("bind=static:0 anon=256 dirty=256 active=0 N0=256 kernelpagesize_kB=4", bufLine(
                "spawn a", "a mmap buf 1M", "a set_mempolicy bind=static 0", "a touch buf write",
                "a mbind buf bind=static 0", "cat /proc/a/numa_maps"));
    }

    @Test
    void pagesMoveWithMbindMovePagesAndMigratepages() {
        ScenarioResult result = scenarios.run(MACHINE, "numactl --membind=1 spawn a", "a mmap buf 1M",
                "a touch buf write", "a mbind buf bind 0 move", "cat /proc/a/numa_maps", "a move_pages buf 1",
                "migratepages a 1 0", "cat /proc/a/numa_maps");
        assertTrue(ScenarioHarness.printedBy(result, 6).contains(" bind:0 anon=256 dirty=256 active=0 N0=256 "));
        assertEquals("a: move_pages buf: 256 on node 1\n", ScenarioHarness.printedBy(result, 7));
        assertTrue(ScenarioHarness.printedBy(result, 9).contains(" bind:0 anon=256 dirty=256 active=0 N0=256 "));
        assertTrue(!ScenarioHarness.printedBy(result, 9).contains("N1="), "migratepages left nothing on node 1");
        assertTrue(result.machine().vmstat().get(VmItem.PGMIGRATE_SUCCESS) >= 256 * 3);
    }

    @Test
    void aPrivateHugetlbMappingIsAnonymousHugeAndNamedWithItsSpaceEscaped() {
        ScenarioResult result = scenarios.run(MACHINE, "echo 4 > /proc/sys/vm/nr_hugepages", "spawn a",
                "a mmap h 4M hugetlb", "a touch h write", "grep huge /proc/a/numa_maps");
        assertEquals("default file=/anon_hugepage\\040(deleted) huge anon=2 dirty=2 N0=2 kernelpagesize_kB=2048",
                ScenarioHarness.printedBy(result, 6).trim().replaceFirst("^[0-9a-f]+ ", ""));
    }

    @Test
    void aBoundProgramThatOutgrowsItsNodeIsKilledTheConstrainedWay() {
        String text = scenarios.run(MACHINE, "numactl --membind=1 spawn hog", "hog malloc buf 300M",
                "hog touch buf write").text();
        assertTrue(text.contains("oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=1,cpuset=/,mems_allowed=0-1,"),
                text);
    }

    @Test
    void aRefusedCallPrintsItsErrnoAndTheScenarioGoesOn() {
        String text = scenarios.run(MACHINE, "spawn a", "a set_mempolicy bind 2", "a set_mempolicy default 1",
                "a set_mempolicy interleave=static 0-1").text();
        assertEquals("a: set_mempolicy: no node of 2 has memory (nodes with memory: 0-1) (EINVAL)\n"
                + "a: set_mempolicy: MPOL_DEFAULT takes no nodes (EINVAL)\n", text);
    }

    @Test
    void aBadLineIsOneLineSayingWhatWasExpected() {
        assertEquals("n.mms:2: unknown numactl option '--membnd'; did you mean '--membind'?",
                scenarios.error(MACHINE, "numactl --membnd=1 spawn a"));
        assertEquals("n.mms:2: numactl option '--membind' needs =NODES",
                scenarios.error(MACHINE, "numactl --membind spawn a"));
        assertTrue(scenarios.error(MACHINE, "numactl --membind=0").startsWith(
                "n.mms:2: numactl needs the program to run; expected numactl --hardware, or numactl"));
        assertEquals("n.mms:3: unknown policy 'bnd'; did you mean 'bind'?",
                scenarios.error(MACHINE, "spawn a", "a set_mempolicy bnd 1"));
        assertEquals("n.mms:3: bad nodes '0-x'; expected all, a node, a range or a list (0, 0-1, 0,2, +1)",
                scenarios.error(MACHINE, "spawn a", "a set_mempolicy bind 0-x"));
        assertEquals("n.mms:4: unknown mbind flag 'mov'; did you mean 'move'?",
                scenarios.error(MACHINE, "spawn a", "a mmap buf 1M", "a mbind buf bind 0 mov"));
        assertEquals("n.mms:4: move_pages takes one node; found '0-1'",
                scenarios.error(MACHINE, "spawn a", "a mmap buf 1M", "a move_pages buf 0-1"));
        assertEquals("n.mms:3: policy flag 'stat' in 'bind=stat'; expected static or relative",
                scenarios.error(MACHINE, "spawn a", "a set_mempolicy bind=stat 0"));
    }
}
