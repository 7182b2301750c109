package org.mmsim.physical.memmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.ZoneType;

class MemoryLayoutTest {
    private static ZoneSpan zone(MemoryLayout layout, int node, ZoneType type) {
        return layout.zones().stream().filter(z -> z.node() == node && z.type() == type).findFirst().orElseThrow();
    }

    @Test
    void aPcWith24GiBHasTheRealMachinesZoneSpans() {
        // The spans and present pages of linux-6.18-samples/proc-zoneinfo.txt (24 GiB, x86-64).
        MemoryLayout layout = MemoryLayout.of(MachineConfig.builder().ramBytes(24L << 30).build());
        ZoneSpan dma = zone(layout, 0, ZoneType.DMA);
        assertEquals(List.of(1L, 4095L, 3998L, 3840L), List.of(dma.startPfn(), dma.spanned(), dma.present(), dma.managed()));
        ZoneSpan dma32 = zone(layout, 0, ZoneType.DMA32);
        assertEquals(List.of(4096L, 1044480L, 782336L), List.of(dma32.startPfn(), dma32.spanned(), dma32.present()));
        ZoneSpan normal = zone(layout, 0, ZoneType.NORMAL);
        assertEquals(List.of(1048576L, 5505024L, 5505024L), List.of(normal.startPfn(), normal.spanned(), normal.present()));
        assertEquals(List.of(0L, 0L, 0L), List.of(zone(layout, 0, ZoneType.MOVABLE).spanned(),
                zone(layout, 0, ZoneType.MOVABLE).present(), zone(layout, 0, ZoneType.MOVABLE).startPfn()));
        assertEquals(5, layout.zones().size());
    }

    @Test
    void managedIsPresentLessTheKernelImageAndTheMemmap() {
        MemoryLayout layout = MemoryLayout.of(MachineConfig.defaults());
        ZoneSpan dma32 = zone(layout, 0, ZoneType.DMA32);
        assertEquals(782336 - 8192, dma32.managed(), "the 32 MiB kernel image at 16 MiB");
        ZoneSpan normal = zone(layout, 0, ZoneType.NORMAL);
        // 1,048,478 present frames x 64 bytes of struct page = 16,383 frames of memmap, at the top of node 0, and
        // below it the per-CPU first chunk: 57 pages for each of the 2 CPUs, then the dentry and inode hash tables
        // from memblock. nr_kernel_pages is the present frames less the first MiB's 158 (reserved whole), the kernel
        // image and the memmap: 1,048,478 - 158 - 8,192 - 16,383 = 1,023,745; rounded up to whole MiB, 1,024,000,
        // one dentry bucket per 8 KiB is 512,000 -> 524,288 buckets of 8 bytes (1,024 pages) and one inode bucket
        // per 16 KiB 256,000 -> 262,144 (512 pages).
        assertEquals(1_023_745, layout.kernelPages());
        assertEquals(262144 - 16383 - 2 * 57 - 1024 - 512, normal.managed());
        assertEquals(1048576 + 262144, layout.endPfn());
    }

    /**
     * pcpu_build_alloc_info()'s units per 2 MiB atom for a 57-page unit: a 6.18 boot of 2 CPUs logs
     * {@code u1048576} (two 1 MiB units in one atom); one CPU takes the whole atom; 3 and 4 CPUs share one atom of
     * four 512 KiB units (3 wastes one unit, a third of the CPUs at most); 9 CPUs take two atoms of eight.
     */
    @Test
    void percpuUnitsPerAtomFollowTheWasteRule() {
        assertEquals(1, PercpuFirstChunk.unitsPerAlloc(new int[] {1}));
        assertEquals(2, PercpuFirstChunk.unitsPerAlloc(new int[] {2}));
        assertEquals(4, PercpuFirstChunk.unitsPerAlloc(new int[] {3}));
        assertEquals(4, PercpuFirstChunk.unitsPerAlloc(new int[] {4}));
        assertEquals(8, PercpuFirstChunk.unitsPerAlloc(new int[] {16}));
        assertEquals(1, PercpuFirstChunk.unitsPerAlloc(new int[] {1, 1}), "an unused unit in each node's atom is too much waste");
    }

    @Test
    void percpuCountsEveryUnitAndReservesTheUsedOnesBelowTheMemmap() {
        MemoryLayout two = MemoryLayout.of(MachineConfig.defaults());
        assertEquals(2 * 57, two.percpuPages(), "57 pages/cpu, as the 6.18 boot log says");
        MemoryLayout three = MemoryLayout.of(MachineConfig.builder().cpus(3).build());
        assertEquals(4 * 57, three.percpuPages(), "the unused fourth unit is counted too");
        PfnRange memmap = two.reserved().get(2);
        List<PfnRange> units = two.reserved().subList(3, 5);
        long atom = units.get(0).start();
        assertEquals(0, atom % 512, "the atom is 2 MiB aligned");
        assertEquals(List.of(new PfnRange(atom, atom + 57), new PfnRange(atom + 256, atom + 256 + 57)), units);
        assertEquals(true, atom + 512 <= memmap.start(), "below the memmap");
    }

    /**
     * split_mem_range() on the default layout's RAM (1 MiB to 3 GiB, 4 GiB to 5 GiB): the ISA MiB and 1-2 MiB in 4 KiB
     * pages, 2 MiB to 1 GiB in 2 MiB pages, 1-3 GiB and 4-5 GiB in 1 GiB pages.
     */
    @Test
    void theDirectMapUsesTheLargestAlignedPages() {
        org.mmsim.api.physical.DirectMap map = MemoryLayout.of(MachineConfig.defaults()).directMap();
        assertEquals(new org.mmsim.api.physical.DirectMap(2048, 1022 * 1024, 3L << 20), map);
        org.mmsim.api.physical.DirectMap small = MemoryLayout.of(MachineConfig.builder().ramBytes(100L << 20).build()).directMap();
        // 100 MiB: 1-2 MiB and 98 MiB of 2 MiB pages, no 1 GiB page.
        assertEquals(new org.mmsim.api.physical.DirectMap(2048, 98 * 1024, 0), small);
    }

    @Test
    void nodesSplitTheRamEvenlyAndMovableTakesTheTopOfEachNode() {
        MemoryLayout layout = MemoryLayout.of(MachineConfig.builder().ramBytes(8L << 30).nodes(2).movableCoreBytes(1L << 30).build());
        assertEquals(2, layout.nodes().size());
        long node0 = layout.zones().stream().filter(z -> z.node() == 0).mapToLong(ZoneSpan::present).sum();
        long node1 = layout.zones().stream().filter(z -> z.node() == 1).mapToLong(ZoneSpan::present).sum();
        assertEquals(2097152 - 98, node0 + node1);
        assertEquals(true, Math.abs(node0 - node1) < 1024, node0 + " vs " + node1);
        for (int n = 0; n < 2; n++) {
            ZoneSpan movable = zone(layout, n, ZoneType.MOVABLE);
            assertEquals(131072, movable.present(), "512 MiB of ZONE_MOVABLE on node " + n);
            assertEquals(0, movable.startPfn() % 1024, "starts on a MAX_PAGE_ORDER boundary");
        }
    }

    @Test
    void i386HasHighMemAbove896MiB() {
        MemoryLayout layout = MemoryLayout.of(MachineConfig.builder().arch(org.mmsim.api.Arch.I386).ramBytes(2L << 30).build());
        assertEquals(List.of(ZoneType.DMA, ZoneType.NORMAL, ZoneType.HIGHMEM, ZoneType.MOVABLE, ZoneType.DEVICE), layout.zoneTypes());
        assertEquals(4096, zone(layout, 0, ZoneType.NORMAL).startPfn());
        assertEquals(229376, zone(layout, 0, ZoneType.HIGHMEM).startPfn());
        assertEquals(524288 - 229376, zone(layout, 0, ZoneType.HIGHMEM).present());
    }
}
