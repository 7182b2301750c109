package org.mmsim.reclaim.vmscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.stat.VmItem;
import org.mmsim.reclaim.fake.FakeRmap;

/**
 * Reclaim of a node, worked by hand.
 *
 * <p>The scan counts follow the simulator's {@code get_scan_count()} as {@link Vmscan} documents it: at each priority
 * from 12 down to 0, a type's share is {@code (size >> priority) * fraction / (ap + fp + 1)} with {@code ap =
 * swappiness} (0 when anon may not be scanned: no free swap, swappiness 0, or no writing allowed) and {@code fp = 200
 * - swappiness}; a share that rounds to 0 at priority 2 or below is the whole list, up to 32. (Linux 6.18 divides by
 * {@code ap + fp} weighted by the recent reclaim costs, scans files whole when it cannot swap (SCAN_FILE), and scans
 * both types whole at priority 0 (SCAN_EQUAL); these examples pin the simulator's rule, which is documented as a
 * simplification.) Pages that cannot be reclaimed and stay on their list make every priority run, so the counters
 * add up the shares of all thirteen.
 */
class VmscanTest {
    /** A rig of one node of {@code frames} frames and a swap area of {@code swapPages} (header included). */
    private static Rig rig(int frames, long swapPages) {
        return new Rig(1, frames, swapPages);
    }

    /** {@code n} page-cache pages a reference beside the cache's keeps in memory (they are rotated, not freed). */
    private static void heldFiles(Rig r, int n) {
        for (int i = 0; i < n; i++) {
            r.frames.getPage(r.file(0, false, 0, false));
        }
    }

    /** {@code n} shmem pages: swap-backed, and not written out by reclaim (rotated). */
    private static void shmem(Rig r, int n) {
        for (int i = 0; i < n; i++) {
            r.shmem(0);
        }
    }

    private static long get(Rig r, VmItem item) {
        return r.vmstat.get(item);
    }

    @Test
    void swappiness60SplitsEachPriorityAnon60ToFile140() {
        Rig r = rig(8192, 100);
        shmem(r, 2000);
        heldFiles(r, 3000);
        assertEquals(0, r.vmscan.shrinkNode(0, ScanControl.proactive(Long.MAX_VALUE)));
        // anon: (2000 >> p) * 60 / 201 for p = 12..0: 0 0 0 0 2 4 9 18 37 74 149 298 597
        assertEquals(1188, get(r, VmItem.PGSCAN_ANON));
        // file: (3000 >> p) * 140 / 201: 0 0 1 3 7 16 32 64 130 261 522 1044 2089
        assertEquals(4169, get(r, VmItem.PGSCAN_FILE));
        assertEquals(1188 + 4169, get(r, VmItem.PGSCAN_DIRECT));
        assertEquals(0, get(r, VmItem.PGSCAN_KSWAPD));
        assertEquals(0, get(r, VmItem.PGSTEAL_DIRECT) + get(r, VmItem.PGSTEAL_ANON) + get(r, VmItem.PGSTEAL_FILE));
        assertEquals(2000, r.lru.pages(0, LruList.INACTIVE_ANON), "rotated, still there");
        assertEquals(3000, r.lru.pages(0, LruList.INACTIVE_FILE));
        assertEquals(99, r.swap.freePages(), "shmem is not written to swap");
    }

    @Test
    void swappiness100ScansBothTypesAlike() {
        Rig r = rig(8192, 100);
        shmem(r, 2000);
        heldFiles(r, 3000);
        r.vmscan.setSwappiness(100);
        r.vmscan.shrinkNode(0, ScanControl.proactive(Long.MAX_VALUE));
        // (2000 >> p) * 100 / 201: 0 0 0 1 3 7 15 30 62 124 248 497 995
        assertEquals(1982, get(r, VmItem.PGSCAN_ANON));
        // (3000 >> p) * 100 / 201: 0 0 0 2 5 11 22 46 93 186 373 746 1492
        assertEquals(2976, get(r, VmItem.PGSCAN_FILE));
    }

    @Test
    void swappiness0ScansNoAnonAndGivesFilesThe200() {
        Rig r = rig(8192, 100);
        shmem(r, 2000);
        heldFiles(r, 3000);
        r.vmscan.setSwappiness(0);
        r.vmscan.shrinkNode(0, ScanControl.proactive(Long.MAX_VALUE));
        assertEquals(0, get(r, VmItem.PGSCAN_ANON));
        // (3000 >> p) * 200 / 201: 0 0 1 4 10 22 45 92 186 373 746 1492 2985
        assertEquals(5956, get(r, VmItem.PGSCAN_FILE));
    }

    @Test
    void swappiness200ScansNoFiles() {
        Rig r = rig(8192, 100);
        shmem(r, 2000);
        heldFiles(r, 3000);
        r.vmscan.setSwappiness(200);
        r.vmscan.shrinkNode(0, ScanControl.proactive(Long.MAX_VALUE));
        // (2000 >> p) * 200 / 201: 0 0 0 2 6 14 30 61 124 248 497 995 1990
        assertEquals(3967, get(r, VmItem.PGSCAN_ANON));
        assertEquals(0, get(r, VmItem.PGSCAN_FILE));
    }

    @Test
    void withoutFreeSwapAnonIsNotScanned() {
        Rig r = rig(8192, 0);
        shmem(r, 2000);
        heldFiles(r, 3000);
        r.vmscan.shrinkNode(0, ScanControl.proactive(Long.MAX_VALUE));
        assertEquals(0, get(r, VmItem.PGSCAN_ANON));
        // ap = 0, so file's share is 140 / 141: (3000 >> p) * 140 / 141: 0 0 1 4 10 22 45 92 185 372 744 1489 2978
        assertEquals(5942, get(r, VmItem.PGSCAN_FILE));
    }

    @Test
    void kswapdWithoutWritingScansNoAnonAndCountsAsKswapd() {
        Rig r = rig(8192, 100);
        shmem(r, 2000);
        heldFiles(r, 3000);
        r.vmscan.shrinkNode(0, ScanControl.balancePgdat(Long.MAX_VALUE, ZoneType.NORMAL, true));
        assertEquals(0, get(r, VmItem.PGSCAN_ANON));
        assertEquals(5942, get(r, VmItem.PGSCAN_FILE));
        assertEquals(5942, get(r, VmItem.PGSCAN_KSWAPD));
        assertEquals(0, get(r, VmItem.PGSCAN_DIRECT));
    }

    @Test
    void smallListsAreScannedWholeFromPriority2() {
        Rig r = rig(256, 100);
        shmem(r, 10);
        heldFiles(r, 10);
        r.vmscan.shrinkNode(0, ScanControl.proactive(Long.MAX_VALUE));
        // anon: (10 >> 2) * 60 / 201 = 0, so the whole 10 at priority 2; then 5 * 60 / 201 = 1 and 10 * 60 / 201 = 2
        assertEquals(13, get(r, VmItem.PGSCAN_ANON));
        // file: (10 >> 3) * 140 / 201 = 0 at priority 3, not yet whole; then 1, 3 and 6
        assertEquals(10, get(r, VmItem.PGSCAN_FILE));
    }

    @Test
    void reclaimStopsAfterTheBatchThatReachesItsTarget() {
        Rig r = rig(2048, 0);
        for (int i = 0; i < 1000; i++) {
            r.file(0, false, 0, false);
        }
        long free = r.frames.freeFrames();
        // (1000 >> p) * 140 / 141: nothing until priority 8 (2), then 7 (6), then 6 (14): 22 pages, past the 10 asked
        assertEquals(22, r.vmscan.reclaimNode(0, 10));
        assertEquals(22, get(r, VmItem.PGSCAN_DIRECT));
        assertEquals(22, get(r, VmItem.PGSTEAL_DIRECT));
        assertEquals(22, get(r, VmItem.PGSTEAL_FILE));
        assertEquals(0, get(r, VmItem.PGSTEAL_ANON));
        assertEquals(free + 22, r.frames.freeFrames());
        assertEquals(22, r.cache.evictions());
        assertEquals(978, r.lru.pages(0, LruList.INACTIVE_FILE));
        assertEquals(978, get(r, VmItem.NR_INACTIVE_FILE));
    }

    @Test
    void reclaimTakesTheOldestPagesAndLeavesShadows() {
        Rig r = rig(2048, 0);
        long first = r.file(0, false, 0, false);
        long second = r.file(0, false, 0, false);
        for (int i = 0; i < 998; i++) {
            r.file(0, false, 0, false);
        }
        r.vmscan.reclaimNode(0, 1);
        assertTrue(r.frames.isFree(first), "the tail of the inactive list goes first");
        assertTrue(r.frames.isFree(second));
        assertNotEquals(0, r.cache.shadow(1, 0), "the first file's page left a shadow");
    }

    // ---- inactive_is_low(): inactive * int_sqrt(10 * GiB) < active refills the inactive list first

    /**
     * A file list of {@code inactive} then {@code active} pages (the active ones mapped young, if asked). Only the
     * oldest 64 inactive pages, all reclaim may reach here, are made whole page-cache pages; the others only join the
     * lists, which is all that is counted of them.
     */
    private static Rig fileLists(int inactive, int active, boolean mapped) {
        Rig r = rig(inactive + active + 64, 0);
        for (int i = 0; i < inactive; i++) {
            if (i < 64) {
                r.file(0, false, 0, false);
            } else {
                r.lru.addFile(r.alloc(0), 0);
            }
        }
        for (int i = 0; i < active; i++) {
            long pfn = mapped ? r.file(0, false, 1, true) : r.alloc(0);
            if (!mapped) {
                r.lru.addFile(pfn, 0);
            }
            r.lru.activate(pfn);
        }
        return r;
    }

    @Test
    void underAGibTheInactiveListIsLowWhenSmallerThanTheActive() {
        Rig low = fileLists(100, 101, true);
        long oldestActive = 100;
        // 201 pages: (201 >> 6) * 140 / 141 = 2 at priority 6, the first share; ratio 1, and 100 < 101
        assertEquals(2, low.vmscan.reclaimNode(0, 1));
        assertEquals(2, low.vmstat.get(VmItem.PGREFILL), "two pages from the active list's tail");
        assertEquals(2, low.vmstat.get(VmItem.PGDEACTIVATE));
        assertTrue(low.has(oldestActive, PageFlags.WORKINGSET), "deactivated: PG_workingset");
        assertFalse(low.has(oldestActive, PageFlags.ACTIVE));
        for (FakeRmap.Pte pte : low.rmap.ptes(oldestActive)) {
            assertFalse(pte.young, "shrink_active_list() cleared its young bits");
        }
        assertTrue(low.rmap.ptes(oldestActive + 2).get(0).young, "the next active page was not looked at");
        assertEquals(99, low.lru.pages(0, LruList.ACTIVE_FILE));
        assertEquals(100 + 2 - 2, low.lru.pages(0, LruList.INACTIVE_FILE));

        Rig balanced = fileLists(101, 101, true);
        assertEquals(2, balanced.vmscan.reclaimNode(0, 1));
        assertEquals(0, balanced.vmstat.get(VmItem.PGREFILL), "101 * 1 is not below 101");
        assertEquals(101, balanced.lru.pages(0, LruList.ACTIVE_FILE));
    }

    @Test
    void atOneGibTheInactiveListMayBeAThirdOfTheActive() {
        // 262144 pages are 1 GiB: int_sqrt(10 * 1) = 3. (262144 >> 12) * 140 / 141 = 63: a first batch of 32.
        Rig low = fileLists(65535, 196609, false);
        low.vmscan.reclaimNode(0, 1);
        assertEquals(32, low.vmstat.get(VmItem.PGREFILL), "65535 * 3 = 196605 < 196609");

        Rig balanced = fileLists(65536, 196608, false);
        balanced.vmscan.reclaimNode(0, 1);
        assertEquals(0, balanced.vmstat.get(VmItem.PGREFILL), "65536 * 3 = 196608, not below");
        assertEquals(32, balanced.vmstat.get(VmItem.PGSTEAL_DIRECT));
    }

    // ---- shrink_folio_list(), one page at a time through reclaimPage()

    @Test
    void aFilePageYoungOnceIsKeptReferencedThenActivatedWhenYoungAgain() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, false, 1, true);
        r.file(0, false, 0, false);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertTrue(r.has(pfn, PageFlags.REFERENCED), "folio_check_references(): kept, marked referenced");
        assertFalse(r.has(pfn, PageFlags.ACTIVE));
        assertFalse(r.rmap.ptes(pfn).get(0).young, "its Accessed bit was cleared");
        long[] head = new long[2];
        r.lru.isolate(0, LruList.INACTIVE_FILE, 2, ZoneType.DEVICE, head, new long[ZoneType.values().length]);
        assertEquals(pfn, head[1], "rotated to the head");
        assertEquals(0, r.vmstat.get(VmItem.PGACTIVATE));

        r.rmap.touch(pfn);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertTrue(r.has(pfn, PageFlags.ACTIVE), "referenced before and young again: activated");
        assertFalse(r.has(pfn, PageFlags.REFERENCED));
        assertEquals(1, r.vmstat.get(VmItem.PGACTIVATE));
        assertEquals(2, r.vmstat.get(VmItem.PGSCAN_DIRECT));
        assertEquals(0, r.vmstat.get(VmItem.PGSTEAL_DIRECT));
    }

    @Test
    void aFilePageYoungInTwoMappingsIsActivatedAtOnce() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, false, 2, true);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertTrue(r.has(pfn, PageFlags.ACTIVE));
    }

    @Test
    void anAnonPageYoungOnceIsActivated() {
        Rig r = rig(64, 20);
        long pfn = r.anon(0, 1, true);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertTrue(r.has(pfn, PageFlags.ACTIVE));
        assertEquals(19, r.swap.freePages(), "no slot taken");
    }

    @Test
    void aReferencedFilePageNoPageTableUsesIsReclaimed() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, false, 0, false);
        r.lru.markAccessed(pfn);
        assertTrue(r.vmscan.reclaimPage(pfn));
        assertTrue(r.frames.isFree(pfn));
        assertEquals(1, r.vmstat.get(VmItem.PGSTEAL_FILE));
    }

    @Test
    void aMappedCleanFilePageIsUnmappedAndReclaimed() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, false, 2, false);
        assertTrue(r.vmscan.reclaimPage(pfn));
        assertTrue(r.frames.isFree(pfn));
        assertTrue(r.rmap.swapPtes.isEmpty(), "a file page's entries just go");
    }

    @Test
    void anMlockedPageOnAnEvictableListIsCulled() {
        Rig r = rig(64, 20);
        long pfn = r.alloc(0);
        r.frames.setFlags(pfn, PageFlags.SWAPBACKED);
        r.lru.mlock(pfn);
        r.lru.addAnon(pfn, false);
        assertEquals(LruList.INACTIVE_ANON, r.lru.listOf(pfn), "PG_mlocked, yet on the inactive list");
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertEquals(LruList.UNEVICTABLE, r.lru.listOf(pfn));
        assertEquals(1, r.vmstat.get(VmItem.UNEVICTABLE_PGS_CULLED));
        assertFalse(r.vmscan.reclaimPage(pfn), "an unevictable page is not looked at");
        assertEquals(1, r.vmstat.get(VmItem.PGSCAN_DIRECT));
    }

    @Test
    void aDirtyFilePageIsWrittenAndKeptUntilItsWritebackEnds() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, true, 0, false);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertEquals(1, r.cache.writes(), "pageout()");
        assertTrue(r.has(pfn, PageFlags.WRITEBACK));
        assertFalse(r.vmscan.reclaimPage(pfn), "under writeback: kept");
        assertEquals(1, r.cache.writes());
        r.cache.endWriteback(pfn);
        assertTrue(r.vmscan.reclaimPage(pfn), "clean now");
        assertTrue(r.frames.isFree(pfn));
    }

    @Test
    void aFilePageADirtyPteMakesDirtyIsWrittenNotDropped() {
        Rig r = rig(64, 0);
        long pfn = r.alloc(0);
        r.cache.insert(pfn, 77, 3, false);
        r.rmap.map(pfn, 1, 0x1000, false, true, true);
        r.lru.addFile(pfn, 0);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertFalse(r.frames.isFree(pfn));
        assertEquals(0, r.frames.mapcount(pfn), "unmapped");
        assertEquals(1, r.cache.writes(), "try_to_unmap() found the dirty bit: the page went to pageout()");
    }

    @Test
    void withoutWritingADirtyFilePageStays() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, true, 0, false);
        assertEquals(0, r.vmscan.shrinkNode(0, ScanControl.balancePgdat(1, ZoneType.NORMAL, true)));
        assertEquals(0, r.cache.writes());
        assertTrue(r.has(pfn, PageFlags.DIRTY));
        // One page: (1 >> p) * 140 / 141 is 0 at every priority, so the page alone at priorities 2, 1 and 0.
        assertEquals(3, r.vmstat.get(VmItem.PGSCAN_KSWAPD));
    }

    @Test
    void anAnonPageGoesToSwapAndComesBackWithItsContent() {
        Rig r = rig(64, 20);
        long pfn = r.anon(0, 2, false);
        long token = r.frames.content(pfn);
        assertTrue(r.vmscan.reclaimPage(pfn));
        assertTrue(r.frames.isFree(pfn));
        assertEquals(2, r.rmap.swapPtes.size(), "both entries now hold the swap entry");
        long entry = r.rmap.swapPtes.get(0).entry();
        assertEquals(2, r.swap.count(entry));
        assertEquals(18, r.swap.freePages());
        assertEquals(0, r.swap.cachedPages(), "out of the swap cache");
        assertEquals(1, r.vmstat.get(VmItem.PSWPOUT));
        assertEquals(1, r.vmstat.get(VmItem.PGSTEAL_ANON));
        long back = r.swap.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(token, r.frames.content(back));
        assertEquals(1, r.vmstat.get(VmItem.WORKINGSET_REFAULT_ANON), "it came back with its shadow");
    }

    @Test
    void whenSwapIsFullAnAnonPageIsActivated() {
        Rig r = rig(64, 10);
        for (int i = 0; i < 9; i++) {
            assertTrue(r.vmscan.reclaimPage(r.anon(0, 1, false)));
        }
        assertEquals(0, r.swap.freePages());
        long pfn = r.anon(0, 1, false);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertTrue(r.has(pfn, PageFlags.ACTIVE), "no slot: activated");
        assertEquals(1, r.frames.mapcount(pfn));
    }

    @Test
    void aShmemPageStays() {
        Rig r = rig(64, 20);
        long pfn = r.shmem(0);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertFalse(r.frames.isFree(pfn));
        assertEquals(19, r.swap.freePages());
    }

    @Test
    void anAnonPageThatCannotBeUnmappedStaysMappedInTheSwapCache() {
        Rig r = rig(64, 20);
        long pfn = r.anon(0, 1, false);
        r.rmap.stick(pfn, true);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertEquals(1, r.frames.mapcount(pfn));
        assertNotEquals(0, r.swap.entryOf(pfn), "it has its slot");
        assertEquals(0, r.vmstat.get(VmItem.PSWPOUT), "not written while mapped");
        r.rmap.stick(pfn, false);
        assertTrue(r.vmscan.reclaimPage(pfn));
        assertEquals(1, r.vmstat.get(VmItem.PSWPOUT));
    }

    @Test
    void aPinnedAnonPageIsWrittenButNotFreedUntilUnpinned() {
        Rig r = rig(64, 20);
        long pfn = r.anon(0, 1, false);
        r.frames.getPage(pfn);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertFalse(r.frames.isFree(pfn));
        assertEquals(0, r.frames.mapcount(pfn), "unmapped: its entry holds the slot");
        assertEquals(1, r.vmstat.get(VmItem.PSWPOUT), "written");
        assertFalse(r.has(pfn, PageFlags.DIRTY));
        r.frames.putPage(pfn);
        assertTrue(r.vmscan.reclaimPage(pfn));
        assertEquals(1, r.vmstat.get(VmItem.PSWPOUT), "clean: not written again");
        assertTrue(r.frames.isFree(pfn));
    }

    @Test
    void reclaimPageDeactivatesAnActivePage() {
        Rig r = rig(64, 0);
        long pfn = r.file(0, false, 0, false);
        r.lru.activate(pfn);
        assertFalse(r.vmscan.reclaimPage(pfn));
        assertEquals(LruList.INACTIVE_FILE, r.lru.listOf(pfn));
        assertEquals(0, r.vmstat.get(VmItem.PGSCAN_DIRECT), "not scanned, only deactivated");
    }

    @Test
    void swappinessIsZeroTo200() {
        Rig r = rig(64, 0);
        assertEquals(60, r.vmscan.swappiness());
        assertThrows(IllegalArgumentException.class, () -> r.vmscan.setSwappiness(201));
        assertThrows(IllegalArgumentException.class, () -> r.vmscan.setSwappiness(-1));
        r.vmscan.setSwappiness(200);
        assertEquals(200, r.vmscan.swappiness());
    }
}
