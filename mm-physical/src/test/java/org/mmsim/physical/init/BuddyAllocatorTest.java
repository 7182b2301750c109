package org.mmsim.physical.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.FaultAttr;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

class BuddyAllocatorTest {
    private final VmStat vmstat = new VmStat();
    private final PhysicalSystem system = MmInit.boot(MachineConfig.builder().ramBytes(64L << 20).build(), vmstat, new NoReclaim());
    private final PageAllocator allocator = system.allocator();

    private ZoneInfo zone(ZoneType type) {
        return system.zones().stream().filter(z -> z.type() == type).findFirst().orElseThrow();
    }

    private String buddyinfo(ZoneType type) {
        StringBuilder line = new StringBuilder();
        for (int o = 0; o <= 10; o++) {
            line.append(zone(type).nrFree(o)).append(' ');
        }
        return line.toString().trim();
    }

    @Test
    void bootHandsEveryUnreservedFrameToTheBuddyLists() {
        // DMA: frames 1..158 (below 0x9f000) are inside the first reserved MiB; 0x100..0xfff are free.
        ZoneInfo dma = zone(ZoneType.DMA);
        assertEquals(3840, dma.managed());
        assertEquals(3840, dma.freePages());
        // 0x100..0x1000 splits into aligned blocks: 256 (o8), 512 (o9), 1024 x 3 (o10).
        assertEquals("0 0 0 0 0 0 0 0 1 1 3", buddyinfo(ZoneType.DMA));
        assertEquals(system.totalRamPages(), system.freePages());
        assertEquals(system.freePages(), vmstat.get(VmItem.NR_FREE_PAGES));
    }

    @Test
    void anAllocationIsAlignedToItsOrderAndFreeingRestoresTheLists() {
        String before = buddyinfo(ZoneType.DMA32);
        long pfn = allocator.allocPages(Gfp.GFP_KERNEL, 5);
        assertNotEquals(PageAllocator.NO_PAGE, pfn);
        assertEquals(0, pfn % 32);
        assertEquals(32, vmstat.get(VmItem.PGALLOC_DMA32));
        allocator.freePages(pfn, 5);
        assertEquals(before, buddyinfo(ZoneType.DMA32));
        assertEquals(32, vmstat.get(VmItem.PGFREE));
    }

    @Test
    void aSplitBlockIsFreedPageByPageAndKeepsEachPagesFlags() {
        String before = buddyinfo(ZoneType.DMA32);
        long pfn = allocator.allocPages(Gfp.GFP_TRANSHUGE_LIGHT, 9);
        system.frames().set((int) pfn, PageFlags.SWAPBACKED);
        BadPageException wrongOrder = assertThrows(BadPageException.class, () -> allocator.splitPage(pfn, 3));
        assertTrue(wrongOrder.getMessage().contains("not allocated with order 3"), wrongOrder.getMessage());
        assertEquals(9, system.frames().allocatedOrder((int) pfn), "a refused split changes nothing");
        allocator.splitPage(pfn, 9);
        assertEquals(PageFlags.SWAPBACKED, system.frames().flags((int) pfn) & PageFlags.SWAPBACKED);
        system.frames().clear((int) pfn, PageFlags.SWAPBACKED);
        for (long p = pfn + 511; p >= pfn; p--) {
            assertEquals(1, system.frames().refcount((int) p));
            allocator.freePages(p, 0);
        }
        allocator.drainAllPages();
        assertEquals(before, buddyinfo(ZoneType.DMA32), "the 512 pages merge back into the blocks they came from");
    }

    @Test
    void smallOrdersGoThroughThePerCpuListsUntilDrained() {
        long pfn = allocator.allocPages(Gfp.GFP_KERNEL, 0);
        ZoneInfo dma32 = zone(ZoneType.DMA32);
        int batch = dma32.pcp(0)[2];
        assertEquals(batch - 1, dma32.pcp(0)[0], "a refill of one batch, less the page taken");
        allocator.freePages(pfn, 0);
        assertEquals(batch, dma32.pcp(0)[0]);
        allocator.drainAllPages();
        assertEquals(0, dma32.pcp(0)[0]);
        assertEquals(dma32.managed(), dma32.freePages());
    }

    @Test
    void gfpDmaComesFromZoneDmaAndKernelAllocationsPreferTheHighestZone() {
        long dma = allocator.allocPages(Gfp.GFP_DMA | Gfp.GFP_KERNEL, 0);
        assertTrue(dma < 4096, "below 16 MiB: " + dma);
        long kernel = allocator.allocPages(Gfp.GFP_KERNEL, 3);
        assertTrue(kernel >= 4096, "from DMA32, the highest populated zone of a 64 MiB machine: " + kernel);
        assertEquals(1, vmstat.get(VmItem.PGALLOC_DMA));
    }

    @Test
    void wrongCallsNamePfnOrderAndZoneAndChangeNothing() {
        long pfn = allocator.allocPages(Gfp.GFP_KERNEL, 2);
        String before = buddyinfo(ZoneType.DMA32);
        assertThrows(BadPageException.class, () -> allocator.freePages(pfn, 3));
        assertThrows(BadPageException.class, () -> allocator.freePages(pfn + 1, 2));
        assertThrows(BadPageException.class, () -> allocator.freePages(99_999_999, 0));
        assertThrows(BadPageException.class, () -> allocator.freePages(0x9f, 0));
        assertThrows(BadPageException.class, () -> allocator.allocPages(Gfp.GFP_KERNEL, 11));
        assertThrows(BadPageException.class, () -> allocator.allocPages(Gfp.__GFP_DMA | Gfp.__GFP_DMA32, 0));
        system.frames().setMapcount((int) pfn, 1);
        BadPageException mapped = assertThrows(BadPageException.class, () -> allocator.freePages(pfn, 2));
        assertTrue(mapped.getMessage().contains("nonzero mapcount") && mapped.getMessage().contains("zone:DMA32")
                && mapped.getMessage().contains(String.format("pfn:%#x order:2", pfn)), mapped.getMessage());
        system.frames().setMapcount((int) pfn, 0);
        system.frames().setRefcount((int) pfn, 2);
        assertThrows(BadPageException.class, () -> allocator.freePages(pfn, 2));
        system.frames().setRefcount((int) pfn, 1);
        assertEquals(before, buddyinfo(ZoneType.DMA32));
        allocator.freePages(pfn, 2);
        BadPageException twice = assertThrows(BadPageException.class, () -> allocator.freePages(pfn, 2));
        assertTrue(twice.getMessage().contains("already free"), twice.getMessage());
    }

    @Test
    void anAllocationThatCannotBeSatisfiedFailsCleanly() {
        int got = 0;
        while (allocator.allocPages(Gfp.GFP_KERNEL, 10) != PageAllocator.NO_PAGE) {
            got++;
        }
        assertTrue(got > 5);
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL | Gfp.__GFP_NOWARN, 10));
    }

    @Test
    void failPageAllocFailsAsConfiguredAndDeterministically() {
        system.setFailPageAlloc(new FaultAttr(100, 3, 2, 0, 0, false, false));
        int[] outcome = new int[8];
        for (int i = 0; i < outcome.length; i++) {
            outcome[i] = allocator.allocPages(Gfp.GFP_KERNEL, 0) == PageAllocator.NO_PAGE ? 1 : 0;
        }
        // Every third eligible call fails, twice at most.
        assertEquals("[0, 0, 1, 0, 0, 1, 0, 0]", java.util.Arrays.toString(outcome));
    }
}
