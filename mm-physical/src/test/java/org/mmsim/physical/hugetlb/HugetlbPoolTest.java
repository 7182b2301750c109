package org.mmsim.physical.hugetlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.HugetlbPages;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.init.MmInit;
import org.mmsim.physical.init.NoReclaim;
import org.mmsim.physical.init.PhysicalSystem;

/**
 * The pools of mm/hugetlb.c against the real 6.18 kernel's figures (docs/fidelity/hugetlb.c on a 24 GiB machine):
 * a pool of 8 takes 8 order-9 blocks from the buddy allocator (htlb_buddy_alloc_success 8), reserving 4 changes
 * only HugePages_Rsvd, and two faults take two reserved pages (Free 6, Rsvd 2, nr_hugetlb 1024).
 */
class HugetlbPoolTest {
    private final VmStat vmstat = new VmStat();
    private final PhysicalSystem system = MmInit.boot(MachineConfig.builder().ramBytes(256L << 20).build(), vmstat,
            new NoReclaim());
    private final HugetlbPool pool = system.hugetlb();

    @Test
    void aPoolOfEightThenReservationsAndFaultsAsTheRealKernelCountsThem() {
        long free = system.freePages();
        pool.setNrHugePages(9, -1, 8);
        assertEquals(8, pool.nrHugePages(9));
        assertEquals(8, pool.freeHugePages(9));
        assertEquals(8, vmstat.get(VmItem.HTLB_BUDDY_ALLOC_SUCCESS));
        assertEquals(free - 8 * 512, system.freePages());
        assertEquals(0, vmstat.get(VmItem.NR_HUGETLB));

        assertTrue(pool.reserve(9, 4));
        assertEquals(8, pool.freeHugePages(9));
        assertEquals(4, pool.resvHugePages(9));
        long a = pool.allocFolio(9, true);
        long b = pool.allocFolio(9, true);
        assertEquals(6, pool.freeHugePages(9));
        assertEquals(2, pool.resvHugePages(9));
        assertEquals(1024, vmstat.get(VmItem.NR_HUGETLB));
        // A copy-on-write page takes an unreserved one (the child's in the real run: Free 5, Rsvd 2).
        long c = pool.allocFolio(9, false);
        assertEquals(5, pool.freeHugePages(9));
        assertEquals(2, pool.resvHugePages(9));
        pool.freeFolio(9, c);
        pool.freeFolio(9, a);
        pool.freeFolio(9, b);
        pool.unreserve(9, 2);
        assertEquals(8, pool.freeHugePages(9));
        assertEquals(0, pool.resvHugePages(9));
        assertEquals(0, vmstat.get(VmItem.NR_HUGETLB));
        // The pool's pages never went back to the buddy allocator.
        assertEquals(free - 8 * 512, system.freePages());

        pool.setNrHugePages(9, -1, 0);
        assertEquals(0, pool.nrHugePages(9));
        // Order-9 blocks are freed to the per-CPU lists first, as free_frozen_pages() does with a pageblock's order.
        system.allocator().drainAllPages();
        assertEquals(free, system.freePages());
    }

    @Test
    void aReservationLargerThanTheFreePagesFailsAndChangesNothing() {
        pool.setNrHugePages(9, -1, 8);
        assertFalse(pool.reserve(9, 10));
        assertEquals(0, pool.resvHugePages(9));
        // Without a reservation a fault past the pool gets nothing (MAP_NORESERVE's SIGBUS).
        for (int i = 0; i < 8; i++) {
            assertTrue(pool.allocFolio(9, false) >= 0);
        }
        assertEquals(HugetlbPages.NO_PAGE, pool.allocFolio(9, false));
    }

    @Test
    void aPoolLargerThanMemoryEndsAsLargeAsTheBuddyAllocatorCouldMakeIt() {
        pool.setNrHugePages(9, -1, 1000);
        long got = pool.nrHugePages(9);
        assertTrue(got > 0 && got < 128, "got " + got);
        assertEquals(got, vmstat.get(VmItem.HTLB_BUDDY_ALLOC_SUCCESS));
        assertEquals(1, vmstat.get(VmItem.HTLB_BUDDY_ALLOC_FAIL));
    }

    @Test
    void shrinkingBelowWhatIsInUseLeavesSurplusPagesThatGoWhenFreed() {
        pool.setNrHugePages(9, -1, 4);
        long a = pool.allocFolio(9, false);
        long free = system.freePages();
        pool.setNrHugePages(9, -1, 0);
        system.allocator().drainAllPages();
        assertEquals(1, pool.nrHugePages(9));
        assertEquals(1, pool.surplusHugePages(9));
        assertEquals(0, pool.persistentHugePages(9));
        assertEquals(free + 3 * 512, system.freePages());
        pool.freeFolio(9, a);
        system.allocator().drainAllPages();
        assertEquals(0, pool.nrHugePages(9));
        assertEquals(0, pool.surplusHugePages(9));
        assertEquals(free + 4 * 512, system.freePages());
    }

    @Test
    void overcommitLetsReservationsTakeSurplusPagesAndGivesThemBack() {
        pool.setNrOvercommitHugePages(9, 2);
        assertTrue(pool.reserve(9, 2));
        assertEquals(2, pool.surplusHugePages(9));
        assertEquals(2, pool.nrHugePages(9));
        assertFalse(pool.reserve(9, 1));
        pool.unreserve(9, 2);
        assertEquals(0, pool.nrHugePages(9));
        assertThrows(IllegalArgumentException.class, () -> pool.setNrOvercommitHugePages(18, 1));
    }

    @Test
    void gigantic1GPagesComeFromAFreeAlignedRangeOrNotAtAll() {
        PhysicalSystem big = MmInit.boot(MachineConfig.builder().ramBytes(4L << 30).build(), new VmStat(), new NoReclaim());
        HugetlbPool pool = big.hugetlb();
        long free = big.freePages();
        pool.setNrHugePages(18, -1, 1);
        assertEquals(1, pool.nrHugePages(18));
        assertEquals(free - (1 << 18), big.freePages());
        long pfn = pool.allocFolio(18, false);
        assertEquals(0, pfn % (1 << 18));
        pool.freeFolio(18, pfn);
        pool.setNrHugePages(18, -1, 0);
        assertEquals(free, big.freePages());
        // 256 MiB has no free 1 GiB range: the pool stays empty, as when alloc_contig_pages() finds none.
        this.pool.setNrHugePages(18, -1, 1);
        assertEquals(0, this.pool.nrHugePages(18));
    }
}
