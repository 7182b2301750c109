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
        // 1,048,478 present frames x 64 bytes of struct page = 16,383 frames of memmap, at the top of node 0.
        assertEquals(262144 - 16383, normal.managed());
        assertEquals(1048576 + 262144, layout.endPfn());
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
