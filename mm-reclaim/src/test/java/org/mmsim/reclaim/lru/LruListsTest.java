package org.mmsim.reclaim.lru;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.fake.FakeFrames;
import org.mmsim.reclaim.fake.FakeZone;

/** The LRU lists and the workingset's refault detection, worked by hand. */
class LruListsTest {
    private final VmStat vmstat = new VmStat();
    private final FakeFrames frames = new FakeFrames(128);
    private long swapPages;
    private final Workingset workingset = new Workingset(MachineConfig.builder().nodes(2).build(), vmstat);
    private final LruLists lru = new LruLists(List.of(new FakeZone(0, ZoneType.NORMAL, 0, 64),
            new FakeZone(1, ZoneType.NORMAL, 64, 64)), 2, frames, vmstat, workingset);

    {
        workingset.registerSwap(() -> swapPages);
        frames.releaseLruWith(lru::release);
    }

    private long file(long pfn) {
        assertEquals(pfn, frames.allocIn(pfn, pfn + 1, 0));
        lru.addFile(pfn, 0);
        return pfn;
    }

    private long anon(long pfn) {
        assertEquals(pfn, frames.allocIn(pfn, pfn + 1, 0));
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        lru.addAnon(pfn, false);
        return pfn;
    }

    private long[] tail(int node, LruList list) {
        long[] all = new long[128];
        return Arrays.copyOf(all, lru.isolate(node, list, all.length, ZoneType.DEVICE, all, new long[ZoneType.values().length]));
    }

    private boolean has(long pfn, int flag) {
        return (frames.flags(pfn) & flag) != 0;
    }

    @Test
    void markPageAccessedMarksFirstAndActivatesSecond() {
        long pfn = file(5);
        assertEquals(LruList.INACTIVE_FILE, lru.listOf(pfn));
        lru.markAccessed(pfn);
        assertTrue(has(pfn, PageFlags.REFERENCED), "first access: PG_referenced");
        assertEquals(LruList.INACTIVE_FILE, lru.listOf(pfn));
        assertEquals(0, vmstat.get(VmItem.PGACTIVATE));
        lru.markAccessed(pfn);
        assertEquals(LruList.ACTIVE_FILE, lru.listOf(pfn), "second access: activated");
        assertFalse(has(pfn, PageFlags.REFERENCED), "and PG_referenced cleared");
        assertEquals(1, vmstat.get(VmItem.PGACTIVATE));
        assertEquals(1, vmstat.get(VmItem.NR_ACTIVE_FILE));
        assertEquals(0, vmstat.get(VmItem.NR_INACTIVE_FILE));
        lru.markAccessed(pfn);
        assertTrue(has(pfn, PageFlags.REFERENCED), "an active page is marked referenced");
        lru.markAccessed(pfn);
        assertEquals(LruList.ACTIVE_FILE, lru.listOf(pfn));
        assertEquals(1, vmstat.get(VmItem.PGACTIVATE), "and stays where it is");
    }

    @Test
    void pagesJoinAtTheHeadAndReclaimReadsFromTheTail() {
        file(10);
        file(11);
        file(12);
        assertArrayEquals(new long[] {10, 11, 12}, tail(0, LruList.INACTIVE_FILE), "oldest first");
        lru.rotate(10);
        assertArrayEquals(new long[] {11, 12, 10}, tail(0, LruList.INACTIVE_FILE));
        long[] two = new long[2];
        assertEquals(2, lru.isolate(0, LruList.INACTIVE_FILE, 2, ZoneType.DEVICE, two, new long[ZoneType.values().length]));
        assertArrayEquals(new long[] {11, 12}, two);
        frames.putPage(12);
        assertArrayEquals(new long[] {11, 10}, tail(0, LruList.INACTIVE_FILE), "a freed page leaves from the middle");
    }

    @Test
    void eachNodeHasItsOwnListsAndTheCountersAddThemUp() {
        file(3);
        file(70);
        anon(71);
        assertEquals(1, lru.pages(0, LruList.INACTIVE_FILE));
        assertEquals(1, lru.pages(1, LruList.INACTIVE_FILE));
        assertEquals(2, lru.pages(LruList.INACTIVE_FILE));
        assertEquals(1, lru.pages(LruList.INACTIVE_ANON));
        assertEquals(2, vmstat.get(VmItem.NR_INACTIVE_FILE));
        assertEquals(2, vmstat.get(VmItem.NR_ZONE_INACTIVE_FILE));
        assertEquals(1, vmstat.get(VmItem.NR_INACTIVE_ANON));
        assertEquals(1, lru.nodeOf(70));
        assertThrows(IllegalArgumentException.class, () -> lru.nodeOf(128), "a pfn of no zone");
    }

    @Test
    void aPageIsAddedOnce() {
        long pfn = file(1);
        assertThrows(IllegalStateException.class, () -> lru.addFile(pfn, 0));
        assertEquals(1, lru.pages(LruList.INACTIVE_FILE));
    }

    @Test
    void mlockMovesAPageToTheUnevictableListAndMunlockRescuesIt() {
        long pfn = anon(7);
        lru.activate(pfn);
        lru.mlock(pfn);
        assertEquals(LruList.UNEVICTABLE, lru.listOf(pfn));
        assertFalse(has(pfn, PageFlags.ACTIVE), "the unevictable list has no active half");
        assertEquals(1, vmstat.get(VmItem.NR_MLOCK));
        assertEquals(1, vmstat.get(VmItem.NR_UNEVICTABLE));
        assertEquals(0, vmstat.get(VmItem.NR_ACTIVE_ANON));
        lru.mlock(pfn);
        assertEquals(1, vmstat.get(VmItem.UNEVICTABLE_PGS_MLOCKED), "locked once");
        lru.markAccessed(pfn);
        assertFalse(has(pfn, PageFlags.REFERENCED), "accesses leave an unevictable page alone");
        lru.munlock(pfn);
        assertEquals(LruList.INACTIVE_ANON, lru.listOf(pfn), "rescued to the inactive list");
        assertEquals(0, vmstat.get(VmItem.NR_MLOCK));
        assertEquals(1, vmstat.get(VmItem.UNEVICTABLE_PGS_MUNLOCKED));
        assertEquals(1, vmstat.get(VmItem.UNEVICTABLE_PGS_RESCUED));
        assertEquals(0, vmstat.get(VmItem.NR_UNEVICTABLE));
    }

    @Test
    void aLockedAddGoesStraightToTheUnevictableListAndFreeingItUnlocks() {
        assertEquals(9, frames.allocIn(9, 10, 0));
        frames.setFlags(9, PageFlags.SWAPBACKED);
        lru.addAnon(9, true);
        assertEquals(LruList.UNEVICTABLE, lru.listOf(9));
        assertEquals(1, vmstat.get(VmItem.NR_MLOCK));
        frames.putPage(9);
        assertEquals(0, vmstat.get(VmItem.NR_MLOCK), "a freed mlocked page is no longer counted");
        assertEquals(0, vmstat.get(VmItem.NR_UNEVICTABLE));
        assertEquals(0, lru.pages(LruList.UNEVICTABLE));
    }

    @Test
    void deactivationMarksTheWorkingset() {
        long pfn = file(20);
        lru.activate(pfn);
        lru.deactivate(pfn);
        assertEquals(LruList.INACTIVE_FILE, lru.listOf(pfn));
        assertTrue(has(pfn, PageFlags.WORKINGSET));
        assertEquals(1, vmstat.get(VmItem.PGDEACTIVATE));
    }

    // ---- workingset_refault(): the refault distance against the workingset's size

    @Test
    void aRefaultWithinTheActiveFileListComesBackActive() {
        file(1);
        file(2);
        long evicted = file(3);
        long shadow = workingset.eviction(0, false);
        frames.putPage(evicted);
        lru.activate(1);
        lru.activate(2);
        // Since the eviction: 2 activations (and the eviction itself, at age 0 → 1): distance 3 > 2 active pages.
        assertEquals(10, frames.allocIn(10, 11, 0));
        lru.addFile(10, shadow);
        assertEquals(LruList.INACTIVE_FILE, lru.listOf(10), "distance 3 does not fit 2 active file pages");
        assertEquals(1, vmstat.get(VmItem.WORKINGSET_REFAULT_FILE));
        assertEquals(0, vmstat.get(VmItem.WORKINGSET_ACTIVATE_FILE));

        lru.deactivate(1);
        long shadow1 = workingset.eviction(0, true);
        frames.putPage(1);
        // Evicted at age 3; now 4: distance 1, and one active file page (2).
        assertEquals(11, frames.allocIn(11, 12, 0));
        lru.addFile(11, shadow1);
        assertEquals(LruList.ACTIVE_FILE, lru.listOf(11));
        assertTrue(has(11, PageFlags.WORKINGSET), "it was in the workingset before: restored");
        assertEquals(1, vmstat.get(VmItem.WORKINGSET_ACTIVATE_FILE));
        assertEquals(1, vmstat.get(VmItem.WORKINGSET_RESTORE_FILE));
    }

    @Test
    void anAnonRefaultAlsoCountsTheInactiveFileListAndSwapAddsTheOtherAnon() {
        file(1);
        file(2);
        file(3);
        long evicted = anon(4);
        long shadow = workingset.eviction(0, false);
        frames.putPage(evicted);
        anon(5);
        lru.activate(5);
        lru.activate(1);
        // Distance 3 (an eviction, two activations); without swap: active file 1 + inactive file 2 = 3: it fits.
        assertEquals(6, frames.allocIn(6, 7, 0));
        frames.setFlags(6, PageFlags.SWAPBACKED);
        lru.addSwapIn(6, shadow);
        assertEquals(LruList.ACTIVE_ANON, lru.listOf(6));
        assertEquals(1, vmstat.get(VmItem.WORKINGSET_ACTIVATE_ANON));

        long evicted2 = file(7);
        long fileShadow = workingset.eviction(0, false);
        frames.putPage(evicted2);
        for (int i = 0; i < 3; i++) {
            workingset.activation(0);
        }
        // Distance 4 (an eviction, three activations) against active file 1: too far; with swap, + active anon 2
        // + inactive anon 0 = 3: still too far; one less would fit.
        swapPages = 10;
        assertEquals(8, frames.allocIn(8, 9, 0));
        lru.addFile(8, fileShadow);
        assertEquals(LruList.INACTIVE_FILE, lru.listOf(8));
        long evicted3 = file(9);
        long fileShadow2 = workingset.eviction(0, false);
        frames.putPage(evicted3);
        workingset.activation(0);
        workingset.activation(0);
        // Distance 3 against active file 1 + active anon 2 (+ inactive anon 0) with swap: fits.
        assertEquals(10, frames.allocIn(10, 11, 0));
        lru.addFile(10, fileShadow2);
        assertEquals(LruList.ACTIVE_FILE, lru.listOf(10));
    }

    @Test
    void theRefaultDistanceWrapsAt24Bits() {
        long evicted = file(1);
        file(2);
        file(3);
        lru.activate(2);
        lru.activate(3);
        for (long i = 0; i < (1L << 24) - 3; i++) {
            workingset.activation(0);
        }
        long shadow = workingset.eviction(0, false);
        frames.putPage(evicted);
        workingset.activation(0);
        // Evicted at age 2^24 - 1; now 2^24 + 1, which the 24 bits keep as 1: the distance is 2 = 2 active pages.
        assertEquals(20, frames.allocIn(20, 21, 0));
        lru.addFile(20, shadow);
        assertEquals(LruList.ACTIVE_FILE, lru.listOf(20));
    }

    @Test
    void aShadowNamesItsNodeAndFitsAPositiveInt() {
        for (int i = 0; i < 1000; i++) {
            workingset.activation(1);
        }
        long shadow = workingset.eviction(1, true);
        assertTrue(shadow > 0 && shadow <= Integer.MAX_VALUE);
        file(2);
        lru.activate(2);
        // Refaulting on node 0, the distance is on node 1's clock: 1001 - 1000 = 1, one active file page.
        assertEquals(20, frames.allocIn(20, 21, 0));
        lru.addFile(20, shadow);
        assertEquals(LruList.ACTIVE_FILE, lru.listOf(20));
        assertEquals(1, vmstat.get(VmItem.WORKINGSET_RESTORE_FILE));
    }
}
