package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;

class PhysicalVerbsTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("p.mms");

    @Test
    void allocatingAndFreeingCountsInVmstatAndRestoresBuddyinfo() {
        ScenarioResult result = scenarios.run("machine ram=64M", "cat /proc/buddyinfo", "alloc_pages x order=4 gfp=GFP_HIGHUSER_MOVABLE",
                "free_pages x", "compact", "cat /proc/buddyinfo");
        String[] lines = result.text().split("\n");
        assertTrue(lines[2].matches("x: pfn 0x[0-9a-f]+ order 4 zone DMA32"), lines[2]);
        // Freed and drained, every page is back, with those the per-CPU lists held at the first look; compaction
        // may have moved init's movable pages, so the lists' shape may differ from the boot's.
        assertTrue(freePages(lines[3]) + freePages(lines[4]) >= freePages(lines[0]) + freePages(lines[1]),
                "freed and drained: the boot-time free pages");
        // Counted since boot, whose own allocations (the file system's metadata in Buffers) come first.
        org.mmsim.api.stat.VmStat boot = scenarios.run("machine ram=64M").machine().vmstat();
        assertEquals(16 + boot.get(VmItem.PGALLOC_DMA32), result.machine().vmstat().get(VmItem.PGALLOC_DMA32));
        assertEquals(16 + boot.get(VmItem.PGFREE), result.machine().vmstat().get(VmItem.PGFREE));
    }

    @Test
    void compactionMovesMovablePagesAndBuildsLargerBlocks() {
        StringBuilder script = new StringBuilder("machine ram=32M\n");
        for (int i = 0; i < 600; i++) {
            script.append("alloc_pages p").append(i).append(" order=0 gfp=GFP_HIGHUSER_MOVABLE\n");
        }
        for (int i = 0; i < 600; i += 2) {
            script.append("free_pages p").append(i).append('\n');
        }
        script.append("compact\n");
        ScenarioResult result = new ScenarioHarness("c.mms").run(List.of(script.toString().split("\n")));
        long migrated = result.machine().vmstat().get(VmItem.PGMIGRATE_SUCCESS);
        assertTrue(migrated > 0, "compaction migrated pages: " + migrated);
        assertTrue(result.machine().vmstat().get(VmItem.COMPACT_MIGRATE_SCANNED) >= migrated);
        assertTrue(result.machine().vmstat().get(VmItem.COMPACT_FREE_SCANNED) > 0);
    }

    @Test
    void sysctlReadsAndWritesAndTheWatermarksFollow() {
        ScenarioResult result = scenarios.run("machine ram=1G", "sysctl vm.min_free_kbytes=8192", "sysctl vm.min_free_kbytes",
                "cat /proc/sys/vm/min_free_kbytes", "sysctl vm.watermark_scale_factor=200");
        assertEquals("vm.min_free_kbytes = 8192\nvm.min_free_kbytes = 8192\n8192\nvm.watermark_scale_factor = 200\n", result.text());
        assertEquals(200, result.machine().physicalMemory().watermarkScaleFactor());
    }

    @Test
    void failPageAllocMakesAllocationsFail() {
        ScenarioResult result = scenarios.run("machine ram=64M", "fail_page_alloc probability=100 times=1 min-order=0 ignore-gfp-wait=N",
                "alloc_pages a order=0", "alloc_pages b order=0");
        assertEquals("a: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)", result.text().split("\n")[0]);
        assertTrue(result.text().split("\n")[1].startsWith("b: pfn "));
    }

    @Test
    void wrongCallsAndBadLinesAreReportedWithTheirLine() {
        assertEquals("p.mms:1: order 11; expected 0 to 10", scenarios.error("alloc_pages a order=11"));
        assertTrue(scenarios.error("alloc_pages a order=1 gfp=GFP_NONSENSE").startsWith("p.mms:1: unknown GFP flag 'GFP_NONSENSE'"));
        assertEquals("p.mms:2: no alloc_pages named 'b'; expected a VAR from an earlier alloc_pages",
                scenarios.error("alloc_pages a order=1", "free_pages b"));
        assertEquals("p.mms:3: no alloc_pages named 'a'; expected a VAR from an earlier alloc_pages",
                scenarios.error("alloc_pages a order=1", "free_pages a", "free_pages a"));
        assertTrue(scenarios.error("sysctl vm.nonsense=1").startsWith("p.mms:1: no sysctl 'vm.nonsense'; expected one of "));
        assertEquals("p.mms:1: watermark_scale_factor 0; expected 1 to 3000", scenarios.error("sysctl vm.watermark_scale_factor=0"));
        assertTrue(scenarios.error("alloc_pages a order=0 gfp=__GFP_DMA|__GFP_DMA32").contains("name two zones"));
    }

    /** The free pages of a buddyinfo line: each order's count of blocks of 2^order pages. */
    private static long freePages(String buddyinfo) {
        String[] counts = buddyinfo.substring(buddyinfo.indexOf("zone") + 4).trim().split("\\s+");
        long pages = 0;
        for (int order = 0; order < counts.length - 1; order++) {
            pages += Long.parseLong(counts[order + 1]) << order;
        }
        return pages;
    }
}
