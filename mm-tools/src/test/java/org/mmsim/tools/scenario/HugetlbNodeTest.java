package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.HugetlbPools;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * The hugetlb pools' per-node files (mm/hugetlb_sysfs.c: {@code hugetlb_register_node()}):
 * /sys/devices/system/node/nodeN/hugepages/hugepages-SIZE/{nr_hugepages,free_hugepages,surplus_hugepages}, a write of
 * nr_hugepages resizing that node's part of the pool with pages of that node, and the global files and meminfo the
 * sum of the nodes.
 */
class HugetlbNodeTest {
    private static final ScenarioHarness SCENARIOS = new ScenarioHarness("hugetlb-node.mms");
    private static final String NODE = "/sys/devices/system/node/node%d/hugepages/hugepages-%dkB/%s";

    private static String node(int node, int kb, String file) {
        return String.format(NODE, node, kb, file);
    }

    /** The free pages of {@code node}'s zones, the per-CPU lists drained back to the buddy lists first. */
    private static long nodeFree(SimulatedMachine machine, int node) {
        machine.pageAllocator().drainAllPages();
        return machine.physicalMemory().zones().stream().filter(z -> z.node() == node)
                .mapToLong(ZoneInfo::freePages).sum();
    }

    @Test
    void aWriteToANodesFileTakesThatNodesPages() {
        String machine = "machine ram=8G nodes=2 memory=numa cpus=2";
        ScenarioResult before = SCENARIOS.run(machine);
        ScenarioResult after = SCENARIOS.run(machine,
                "echo 3 > " + node(1, 2048, "nr_hugepages"),
                "echo 1 > " + node(1, 1048576, "nr_hugepages"));
        SimulatedMachine m = after.machine();
        HugetlbPools pools = m.hugetlb();
        assertEquals(List.of(0L, 3L), List.of(pools.nrHugePages(9, 0), pools.nrHugePages(9, 1)));
        assertEquals(List.of(0L, 1L), List.of(pools.nrHugePages(18, 0), pools.nrHugePages(18, 1)));
        assertEquals(3 * 512 + 512 * 512, nodeFree(before.machine(), 1) - nodeFree(m, 1), "node 1 gave the pages");
        assertEquals(0, nodeFree(before.machine(), 0) - nodeFree(m, 0), "node 0 none");
        assertEquals("3\n", m.proc().read(node(1, 2048, "nr_hugepages")));
        assertEquals("3\n", m.proc().read(node(1, 2048, "free_hugepages")));
        assertEquals("0\n", m.proc().read(node(1, 2048, "surplus_hugepages")));
        assertEquals("0\n", m.proc().read(node(0, 2048, "nr_hugepages")));
        assertEquals("1\n", m.proc().read(node(1, 1048576, "free_hugepages")));
        assertEquals("0\n", m.proc().read(node(0, 1048576, "nr_hugepages")));
        // The global files and meminfo sum the nodes.
        assertEquals("3\n", m.proc().read("/proc/sys/vm/nr_hugepages"));
        assertEquals("3\n", m.proc().read("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages"));
        String meminfo = m.proc().read("/proc/meminfo");
        assertTrue(meminfo.contains("HugePages_Total:       3\n"), meminfo);
        assertTrue(meminfo.contains("Hugetlb:         1054720 kB\n"), meminfo);
    }

    /**
     * As on the build machine (one node, 6.18): {@code echo 3 > $D/nr_hugepages} with D node0's 2 MiB directory reads
     * 3 / 3 / 0 in its nr_hugepages, free_hugepages and surplus_hugepages, 3 in /proc/sys/vm/nr_hugepages and
     * HugePages_Total, and Hugetlb 6144 kB.
     */
    @Test
    void oneNodesFilesAreThePoolsAsOnTheRealMachine() {
        SimulatedMachine m = SCENARIOS.run("machine ram=24G cpus=2",
                "echo 3 > " + node(0, 2048, "nr_hugepages")).machine();
        assertEquals(List.of("3\n", "3\n", "0\n"), List.of(m.proc().read(node(0, 2048, "nr_hugepages")),
                m.proc().read(node(0, 2048, "free_hugepages")), m.proc().read(node(0, 2048, "surplus_hugepages"))));
        assertEquals("3\n", m.proc().read("/proc/sys/vm/nr_hugepages"));
        String meminfo = m.proc().read("/proc/meminfo");
        assertTrue(meminfo.contains("HugePages_Total:       3\n"), meminfo);
        assertTrue(meminfo.contains("Hugetlb:            6144 kB\n"), meminfo);
    }

    @Test
    void shrinkingANodeLeavesTheOthersPages() {
        ScenarioResult result = SCENARIOS.run("machine ram=8G nodes=2 memory=numa cpus=2",
                "echo 4 > /proc/sys/vm/nr_hugepages", "echo 0 > " + node(0, 2048, "nr_hugepages"));
        HugetlbPools pools = result.machine().hugetlb();
        // The global write takes the nodes in turn (alloc_pool_huge_folio()), 2 pages each; node 0's then went back
        // to the buddy allocator.
        assertEquals(List.of(0L, 2L), List.of(pools.nrHugePages(9, 0), pools.nrHugePages(9, 1)));
        assertEquals("2\n", result.machine().proc().read("/proc/sys/vm/nr_hugepages"));
    }

    @Test
    void aNodeTheMachineLacksHasNoFiles() {
        String error = SCENARIOS.error("machine ram=1G", "cat " + node(1, 2048, "nr_hugepages"));
        assertTrue(error.contains(node(1, 2048, "") + ": No such file or directory (node 1; the machine has 1 node)"),
                error);
        String write = SCENARIOS.error("machine ram=1G", "echo 1 > " + node(3, 2048, "nr_hugepages"));
        assertTrue(write.contains("No such file or directory (node 3; the machine has 1 node)"), write);
        String nearest = SCENARIOS.error("machine ram=1G", "cat " + node(0, 2048, "resv_hugepages"));
        assertTrue(nearest.contains("no such file"), nearest);
    }
}
