package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * Direct reclaim bounded by the allocation's zone ({@code try_to_free_pages()}'s {@code reclaim_idx =
 * gfp_zone(gfp_mask)}), on a 4 GiB PC: ZONE_DMA32 below 3 GiB (the PCI hole above it), ZONE_NORMAL the last GiB
 * above 4 GiB, less the 50 MiB or so the boot allocates (slab, vmalloc, hash tables). Kernel blocks fill most of Normal (the zonelist tries the highest zone first), a small file read puts
 * its page cache in the rest, and a second file fills most of DMA32. GFP_KERNEL|GFP_DMA32 allocations then take
 * DMA32 below its min watermark: their direct reclaim frees DMA32's cache only, skipping the older Normal pages at the
 * LRU's tail (pgskip_normal), and counts its stalls as allocstall_dma32. (Normal's pages at the tail are fewer than
 * SWAP_CLUSTER_MAX_SKIPPED, 32768: past that many in one isolation, isolate_lru_folios() takes them too.)
 */
class Dma32ReclaimTest {
    /**
     * Kernel blocks of 4 MiB that fill most of Normal, so that little of its memory is page cache: what the boot
     * left free there (its hash tables, slab and vmalloc'd areas come from Normal first) less room for the first file.
     */
    private static final int KERNEL_BLOCKS = 198;
    private static final int ALLOCATIONS = 60;

    @Test
    void aDma32AllocationReclaimsOnlyDma32() {
        List<String> lines = new ArrayList<>(List.of("machine ram=4G swap=0", "file create /data/old 80M",
                "file create /data/new 2900M", "spawn reader"));
        for (int i = 0; i < KERNEL_BLOCKS; i++) {
            lines.add("alloc_pages k" + i + " order=10 gfp=GFP_KERNEL");
        }
        lines.addAll(List.of("reader read /data/old", "reader read /data/new"));
        int first = lines.size() + 1;
        for (int i = 0; i < ALLOCATIONS; i++) {
            // 4 MiB each, 240 MiB in all: more than DMA32 has free above its min watermark.
            lines.add("alloc_pages b" + i + " order=10 gfp=GFP_KERNEL|GFP_DMA32");
        }
        lines.add("reader read /data/old");
        ScenarioResult result = new ScenarioHarness("dma32.mms").run(lines);
        for (int i = 0; i < KERNEL_BLOCKS; i++) {
            String printed = ScenarioHarness.printedBy(result, 5 + i);
            assertTrue(printed.endsWith("zone Normal\n"), "kernel block " + i + ": " + printed);
        }
        for (int i = 0; i < ALLOCATIONS; i++) {
            String printed = ScenarioHarness.printedBy(result, first + i);
            assertTrue(printed.endsWith("zone DMA32\n"), "allocation " + i + ": " + printed);
        }
        VmStat vmstat = result.machine().vmstat();
        assertTrue(vmstat.get(VmItem.ALLOCSTALL_DMA32) > 0, "the allocations had to reclaim");
        assertEquals(0, vmstat.get(VmItem.ALLOCSTALL_MOVABLE), "the reads did not");
        assertTrue(vmstat.get(VmItem.PGSTEAL_DIRECT) > 0);
        assertTrue(vmstat.get(VmItem.PGSKIP_NORMAL) > 0, "Normal's pages at the tail were skipped");
        // Every page of the first file, all in Normal, is still in the page cache: kswapd, woken by the same
        // allocations, balances the node only up to DMA32 too (balance_pgdat()'s reclaim_idx).
        String again = ScenarioHarness.printedBy(result, first + ALLOCATIONS);
        assertTrue(again.contains(": 20480 pages, 20480 in the page cache, 0 from disk"), again);
    }
}
