package org.mmsim.reclaim.vmscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmItem;
import org.mmsim.reclaim.fake.FakeMemory;

/**
 * Reclaim bounded by the allocation's highest zone ({@code scan_control.reclaim_idx}), on one node of 16 frames: a
 * ZONE_DMA32 of pfns 0-7 below a ZONE_NORMAL of pfns 8-15, every frame a clean, unmapped page-cache page; the Normal
 * pages were cached first, so they are the oldest, at the inactive list's tail. No swap: only file pages are scanned,
 * at 140/141 of each list's share ({@code get_scan_count()} with swappiness 60 and no anon).
 */
class ReclaimIdxTest {
    private final Rig r = new Rig(FakeMemory.withDma32(1, 16, 8), 1, 16, 0);

    ReclaimIdxTest() {
        for (int i = 0; i < 16; i++) {
            r.alloc(0);
        }
        for (long pfn = 8; pfn < 16; pfn++) {
            r.file(pfn, false, 0, false);
        }
        for (long pfn = 0; pfn < 8; pfn++) {
            r.file(pfn, false, 0, false);
        }
    }

    @Test
    void aDma32ReclaimTakesOnlyDma32PagesAndSkipsNormalOnes() {
        ScanControl sc = ScanControl.tryToFreePages(32, Gfp.GFP_KERNEL | Gfp.__GFP_DMA32, ZoneType.DMA32);
        long got = r.vmscan.shrinkNode(0, sc);
        // lruvec_lru_size() up to DMA32 is 8 pages: (8 >> p) * 140 / 141 is 0 down to priority 3, then 1 at priority
        // 2. That batch meets the 8 Normal pages at the tail first: skipped (pgskip_normal) and put at the head, then
        // takes pfn 0. Priority 1: (7 >> 1) * 140 / 141 = 2 (pfns 1, 2); priority 0: 5 * 140 / 141 = 4 (pfns 3-6).
        assertEquals(7, got);
        assertEquals(7, sc.nrReclaimed);
        assertEquals(8, r.vmstat.get(VmItem.PGSKIP_NORMAL));
        // isolate_lru_folios(): the skipped pages count as scanned, 9 + 2 + 4.
        assertEquals(15, r.vmstat.get(VmItem.PGSCAN_DIRECT));
        assertEquals(15, sc.nrScanned);
        assertEquals(7, r.vmstat.get(VmItem.PGSTEAL_DIRECT));
        for (long pfn = 0; pfn < 7; pfn++) {
            assertTrue(r.frames.isFree(pfn), "DMA32 pfn " + pfn + " reclaimed");
        }
        for (long pfn = 7; pfn < 16; pfn++) {
            assertFalse(r.frames.isFree(pfn), "pfn " + pfn + " kept");
        }
    }

    @Test
    void aNormalReclaimTakesTheOldestPagesWhateverTheirZone() {
        ScanControl sc = ScanControl.tryToFreePages(32, Gfp.GFP_KERNEL, ZoneType.NORMAL);
        // The list shrinks as it goes: (16 >> 3) * 140 / 141 = 1 (pfn 8), (15 >> 2) * 140 / 141 = 2, (13 >> 1) -> 5,
        // 8 -> 7: 1 + 2 + 5 + 7 = 15 pages, the Normal ones first, as they are the oldest.
        assertEquals(15, r.vmscan.shrinkNode(0, sc));
        assertEquals(0, r.vmstat.get(VmItem.PGSKIP_NORMAL));
        assertEquals(15, r.vmstat.get(VmItem.PGSCAN_DIRECT));
        for (long pfn = 8; pfn < 16; pfn++) {
            assertTrue(r.frames.isFree(pfn), "Normal pfn " + pfn + " reclaimed first");
        }
        assertFalse(r.frames.isFree(7), "the newest page stays");
    }

    @Test
    void aNodeWithoutAZoneUpToReclaimIdxIsNotScanned() {
        Rig two = new Rig(FakeMemory.withDma32(2, 16, 8), 2, 16, 0);
        two.file(1, false, 0, false);
        ScanControl sc = ScanControl.tryToFreePages(32, Gfp.GFP_DMA32, ZoneType.DMA32);
        assertEquals(0, two.vmscan.shrinkNode(1, sc));
        assertEquals(0, sc.nrScanned);
        assertEquals(0, two.vmstat.get(VmItem.PGSCAN_DIRECT));
    }

    @Test
    void zoneReclaimablePagesCountsFileAlwaysAndAnonOnlyWithSwap() {
        // zone_reclaimable_pages(): zone 0 is DMA32 (pfns 0-7), zone 1 Normal (8-15), all file pages here.
        assertEquals(8, r.vmscan.zoneReclaimablePages(0));
        assertEquals(8, r.vmscan.zoneReclaimablePages(1));
        Rig swapless = new Rig(FakeMemory.withDma32(1, 16, 8), 1, 16, 0);
        swapless.anon(0, 1, false);
        swapless.file(0, false, 0, false);
        assertEquals(1, swapless.vmscan.zoneReclaimablePages(0), "no swap: anon pages cannot be reclaimed");
        Rig swapped = new Rig(FakeMemory.withDma32(1, 16, 8), 1, 16, 16);
        swapped.anon(0, 1, false);
        swapped.file(0, false, 0, false);
        assertEquals(2, swapped.vmscan.zoneReclaimablePages(0), "with free swap the anon page counts too");
    }
}
