package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Swap on a booted machine, through the {@link Swap} contract a program administers and the {@link SwapCache} reclaim
 * and the fault handler use: areas and priorities, slots by cluster, the swap cache, swap-in with readahead, bad calls,
 * swapoff.
 *
 * <p>Page-table entries holding slots come only from reclaim, which has not landed: here {@link #swapOut} does what
 * reclaim will (a slot for the page, one entry holding it, the write, the page let go), and swapoff is tested with
 * slots held by the swap cache or by no page table. Swapoff faulting swap PTEs back in ({@code ProcessHooks.swapUnuse})
 * is exercised once reclaim puts entries in page tables.
 */
class SwapTest {
    private SimulatedMachine machine;
    private Swap swap;
    private SwapCache cache;
    private PageFrames frames;

    SwapTest() {
        boot(MachineConfig.builder().ramBytes(64L << 20).swapBytes(2L << 20).build());
    }

    private void boot(MachineConfig config) {
        machine = MachineAssembler.boot(config, PolicyRegistry.load(Optional.empty()));
        swap = machine.swap();
        cache = machine.swapCache();
        frames = machine.pageFrames();
    }

    /** Another machine, of 64 MiB. */
    private static SwapTest on(MachineConfig.Builder config) {
        SwapTest box = new SwapTest();
        box.boot(config.ramBytes(64L << 20).build());
        return box;
    }

    /** An anonymous page as reclaim finds one: allocated, swap-backed, holding {@code token}. */
    private long anonPage(long token) {
        long pfn = machine.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        frames.setContent(pfn, token);
        return pfn;
    }

    /** What reclaim does to a page one PTE maps: a slot, the entry in the PTE, the write, the page freed. */
    private long swapOut(long token) {
        long pfn = anonPage(token);
        long entry = cache.addToSwapCache(pfn);
        if (entry == 0) {
            machine.pageAllocator().freePages(pfn, 0);
            return 0;
        }
        cache.duplicate(entry);
        frames.putPage(pfn);
        cache.writePage(pfn);
        cache.deleteFromSwapCache(pfn);
        return entry;
    }

    /** The plug goes to the disk, and time passes until the disk has served it. */
    private void diskDone() {
        machine.blockQueue().unplug();
        machine.advance(machine.blockQueue().idleAt() - machine.clock().nanos());
    }

    private long stat(VmItem item) {
        return machine.vmstat().get(item);
    }

    @Test
    void theConfiguredSwapIsSwapImgSwappedOnWithoutAPriority() {
        SwapTest box = on(MachineConfig.builder());
        assertEquals(List.of(new SwapArea("/swap.img", "file", 262143, 0, -2)), box.swap.areas(),
                "1 GiB less the header page, priority -2 as the first area swapped on without one");
        assertEquals(262143, box.swap.totalPages());
        assertEquals(262143, box.swap.freePages());
        assertTrue(on(MachineConfig.builder().swapBytes(0)).swap.areas().isEmpty());
        assertEquals(3, box.swap.pageCluster());
    }

    @Test
    void slotsComeClusterByClusterAndFreedOnesAreReusedBeforeSwapIsFull() {
        // 2 MiB: slots 1..511 in clusters 0 (after the header) and 1.
        List<Long> offsets = new ArrayList<>();
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            long entry = swapOut(i + 1);
            entries.add(entry);
            offsets.add(SwapEntry.offset(entry));
        }
        assertEquals(1, offsets.get(0), "slot 0 is the header");
        assertEquals(255, offsets.get(254), "cluster 0 in order");
        assertEquals(256, offsets.get(255), "then a free cluster");
        cache.free(entries.get(9));
        cache.free(entries.get(10));
        assertEquals(257, SwapEntry.offset(swapOut(1000)), "the current cluster goes on, freed slots elsewhere wait");
        for (long off = 258; off <= 511; off++) {
            assertEquals(off, SwapEntry.offset(swapOut(off)));
        }
        assertEquals(10, SwapEntry.offset(swapOut(2000)), "then the nonfull cluster");
        assertEquals(11, SwapEntry.offset(swapOut(2001)));
        assertEquals(0, swapOut(2002), "no slot left: 0");
        assertEquals(0, swap.freePages());
        assertEquals(511, swap.areas().get(0).used());
    }

    @Test
    void whenAnAreaFillsUpTheSlotsOnlyTheSwapCacheHoldsAreTakenBack() {
        SwapTest box = on(MachineConfig.builder().swapBytes(16 * 4096));
        for (int i = 0; i < 7; i++) {
            box.swapOut(i);
        }
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long pfn = box.anonPage(100 + i);
            box.cache.addToSwapCache(pfn);
            box.cache.writePage(pfn);
            kept.add(pfn);
        }
        assertEquals(7, box.swap.cachedPages());
        long last = box.anonPage(200);
        long entry = box.cache.addToSwapCache(last);
        assertEquals(15, SwapEntry.offset(entry), "the last slot: the area is full, and swap more than half full");
        assertEquals(1, box.swap.cachedPages(), "the seven pages gave their slots up");
        assertEquals(7, box.swap.freePages());
        for (long pfn : kept) {
            assertEquals(0, box.cache.entryOf(pfn));
            assertEquals(1, box.frames.refcount(pfn), "their other holder keeps them");
            assertTrue((box.frames.flags(pfn) & PageFlags.DIRTY) != 0, "to be written again if reclaimed");
        }
        assertEquals(entry, box.cache.entryOf(last), "the page being added keeps its slot");
    }

    @Test
    void whenSwapIsMoreThanHalfFullAScanTakesBackSlotsOnlyTheCacheHolds() {
        long cachedOnly = anonPage(1);
        assertEquals(1, SwapEntry.offset(cache.addToSwapCache(cachedOnly)));
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < 354; i++) {
            entries.add(swapOut(10 + i));
        }
        assertEquals(355, SwapEntry.offset(entries.get(353)), "cluster 0, then cluster 1 up to 355");
        cache.free(entries.get(98));
        for (int i = 0; i < 156; i++) {
            swapOut(1000 + i);
        }
        assertEquals(1, swap.freePages(), "slot 100; cluster 1 is used up to its end");
        long next = swapOut(50);
        assertEquals(1, SwapEntry.offset(next), "scanning cluster 0 again, slot 1 (only the cache held it) comes first");
        assertEquals(0, cache.entryOf(cachedOnly), "its page gave it up");
        assertEquals(1, frames.refcount(cachedOnly));
        assertEquals(1, swap.freePages(), "slot 100 is still free");
    }

    @Test
    void aHigherPriorityGoesFirstAndEqualOnesTakeTurnsClusterByCluster() {
        SwapTest box = on(MachineConfig.builder().swapBytes(0));
        box.swap.swapon("/a", 512, 5);
        box.swap.swapon("/b", 512, 5);
        box.swap.swapon("/c", 10, 10);
        List<String> runs = new ArrayList<>();
        String area = null;
        long first = 0;
        long last = 0;
        long entry;
        while ((entry = box.swapOut(7)) != 0) {
            String path = box.swap.areas().get(SwapEntry.type(entry)).path();
            long offset = SwapEntry.offset(entry);
            if (!path.equals(area) || offset != last + 1) {
                if (area != null) {
                    runs.add(area + ":" + first + "-" + last);
                }
                area = path;
                first = offset;
            }
            last = offset;
        }
        runs.add(area + ":" + first + "-" + last);
        assertEquals(List.of("/c:1-9", "/a:1-255", "/b:1-255", "/a:256-511", "/b:256-511"), runs);
    }

    @Test
    void swaponWithoutAPriorityCountsDownAndSwapoffMovesTheLaterOnesUp() {
        SwapTest box = on(MachineConfig.builder());
        box.swap.swapon("/s1", 100, -1);
        box.swap.swapon("/s2", 100, -1);
        box.swap.swapon("/s0", 100, 0);
        assertEquals(List.of(-2, -3, -4, 0), box.priorities());
        box.swap.swapoff("/s1");
        assertEquals(List.of(-2, -3, 0), box.priorities(), "/s2 moves up to -3");
        box.swap.swapon("/s3", 100, -1);
        assertEquals(List.of(-2, -4, -3, 0), box.priorities(), "the freed type 1 is reused; the next priority is -4");
        box.swap.swapoff("/swap.img");
        assertEquals(List.of(-3, -2, 0), box.priorities());
        assertEquals(List.of("/s3", "/s2", "/s0"), box.swap.areas().stream().map(SwapArea::path).toList(), "by type");
    }

    private List<Integer> priorities() {
        return swap.areas().stream().map(SwapArea::priority).toList();
    }

    private static String refused(String errno, Runnable call) {
        SyscallException e = assertThrows(SyscallException.class, call::run);
        assertEquals(errno, e.errno(), e.getMessage());
        return e.getMessage();
    }

    /** The program's Swap and the kernel's SwapCache are one swap: what one side does, the other sees. */
    @Test
    void swapAndTheSwapCacheAreOneInstance() {
        assertSame(machine.swap(), machine.swapCache());
        long free = swap.freePages();
        swapOut(1);
        assertEquals(free - 1, swap.freePages());
    }

    @Test
    void swaponRefusesAPathInUseATinyAreaAndABadPriorityAndChangesNothing() {
        List<SwapArea> before = swap.areas();
        assertEquals("swapon: /swap.img is already a swap area; expected a path not in use (EBUSY)",
                refused("EBUSY", () -> swap.swapon("/swap.img", 100, -1)));
        assertEquals("swapon: swap area of 1 pages; expected 2 (its header and one slot) to 1073741824 (4T) (EINVAL)",
                refused("EINVAL", () -> swap.swapon("/s", 1, -1)));
        refused("EINVAL", () -> swap.swapon("/s", (1L << 30) + 1, -1));
        assertEquals("swapon: priority 32768; expected -1 (none) to 32767 (EINVAL)",
                refused("EINVAL", () -> swap.swapon("/s", 100, 32768)));
        refused("EINVAL", () -> swap.swapon("/s", 100, -2));
        assertEquals("swapon: swap path 'swapfile'; expected an absolute path such as /swapfile (EINVAL)",
                refused("EINVAL", () -> swap.swapon("swapfile", 100, -1)));
        assertEquals(before, swap.areas());
        swap.swapon("/s", 100, -1);
        assertEquals(-3, swap.areas().get(1).priority(), "refused calls took no priority");
        assertEquals("swapoff: '/t' is not a swap area; expected one of /proc/swaps: /swap.img, /s (EINVAL)",
                refused("EINVAL", () -> swap.swapoff("/t")));
    }

    /** The least area swapon(2) takes, as the real kernel takes it: the header page and one slot ("Size 4" in /proc/swaps). */
    @Test
    void anAreaOfTwoPagesHasOneSlot() {
        SwapTest box = on(MachineConfig.builder().swapBytes(0));
        box.swap.swapon("/tiny", 2, -1);
        assertEquals(List.of(new SwapArea("/tiny", "file", 1, 0, -2)), box.swap.areas());
        long entry = box.swapOut(42);
        assertEquals(SwapEntry.of(0, 1), entry, "its one slot, past the header");
        assertEquals(0, box.swapOut(43), "and no other");
        assertEquals(0, box.swap.freePages());
        long pfn = box.cache.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(42, box.frames.content(pfn), "read back");
    }

    @Test
    void thirtyTwoAreasAtMost() {
        SwapTest box = on(MachineConfig.builder().swapBytes(0));
        for (int i = 0; i < 32; i++) {
            box.swap.swapon("/s" + i, 10, -1);
        }
        assertEquals("swapon: a swap area beyond 32; expected at most 32 (EPERM)",
                refused("EPERM", () -> box.swap.swapon("/s32", 10, -1)));
        assertEquals(32, box.swap.areas().size());
        assertEquals(-33, box.swap.areas().get(31).priority());
    }

    @Test
    void aFreeOrDuplicateOfASlotNotInUseNamesTheEntryAndChangesNothing() {
        long entry = swapOut(42);
        cache.free(entry);
        long free = swap.freePages();
        assertEquals("swap_free: Unused swap offset entry 00000001",
                assertThrows(IllegalArgumentException.class, () -> cache.free(entry)).getMessage());
        assertEquals("swap_duplicate: Unused swap offset entry 00000001",
                assertThrows(IllegalArgumentException.class, () -> cache.duplicate(entry)).getMessage());
        long otherType = SwapEntry.of(7, 1);
        assertEquals(String.format("swap_free: Bad swap file entry %08x", otherType),
                assertThrows(IllegalArgumentException.class, () -> cache.free(otherType)).getMessage());
        assertEquals("swap_free: Bad swap offset entry 00000200",
                assertThrows(IllegalArgumentException.class, () -> cache.free(512)).getMessage(), "past the end");
        assertEquals("swap_free: Bad swap offset entry 00000000",
                assertThrows(IllegalArgumentException.class, () -> cache.free(0)).getMessage(), "the header");
        assertEquals(-1, cache.lookup(entry), "an unused slot has no page");
        assertEquals(0, cache.count(entry));
        assertEquals(free, swap.freePages());
    }

    @Test
    void countsGoOnBeyondWhatTheMapByteHolds() {
        long entry = swapOut(5);
        for (int i = 0; i < 100; i++) {
            cache.duplicate(entry);
        }
        assertEquals(101, cache.count(entry), "SWAP_MAP_MAX is 62: the rest is continued");
        for (int i = 0; i < 100; i++) {
            cache.free(entry);
        }
        assertEquals(1, cache.count(entry));
        assertEquals(510, swap.freePages());
        cache.free(entry);
        assertEquals(511, swap.freePages());
    }

    @Test
    void swapInPutsTheSlotsContentInANewPageOfTheSwapCache() {
        long out = stat(VmItem.PSWPOUT);
        long pgpgout = stat(VmItem.PGPGOUT);
        long entry = swapOut(0xfeed);
        assertEquals(out + 1, stat(VmItem.PSWPOUT));
        assertEquals(pgpgout, stat(VmItem.PGPGOUT), "the write is in the plug");
        diskDone();
        assertEquals(pgpgout + 4, stat(VmItem.PGPGOUT), "pgpgout in KiB, once the disk wrote it");
        long pgpgin = stat(VmItem.PGPGIN);
        long pfn = cache.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(0xfeed, frames.content(pfn));
        assertEquals(1, stat(VmItem.PSWPIN));
        diskDone();
        assertEquals(pgpgin + 4, stat(VmItem.PGPGIN));
        assertEquals(entry, cache.entryOf(pfn));
        assertEquals(pfn, cache.lookup(entry));
        assertEquals(1, frames.refcount(pfn), "the swap cache's reference");
        assertEquals(0, frames.mapping(pfn), "the fault sets the mapping when it maps the page");
        int flags = frames.flags(pfn);
        assertEquals(PageFlags.OWNER_PRIV_1 | PageFlags.SWAPBACKED | PageFlags.UPTODATE,
                flags & (PageFlags.OWNER_PRIV_1 | PageFlags.SWAPBACKED | PageFlags.UPTODATE | PageFlags.DIRTY),
                "PG_swapcache, swap-backed, up to date, clean");
        assertEquals(1, swap.cachedPages());
        assertEquals(1, stat(VmItem.NR_SWAPCACHED));
        assertEquals(1, cache.count(entry), "the entry still holds it");
        cache.free(entry);
        assertEquals(0, frames.refcount(pfn), "the last holder gone, the unmapped page left the cache and was freed");
        assertEquals(0, swap.cachedPages());
        assertEquals(511, swap.freePages());
    }

    @Test
    void aPageOfZeroesIsNotWrittenAndReadsBackAsZeroes() {
        long entry = swapOut(0);
        assertEquals(1, stat(VmItem.SWPOUT_ZERO));
        assertEquals(0, stat(VmItem.PSWPOUT));
        long pfn = cache.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(0, frames.content(pfn));
        assertEquals(1, stat(VmItem.SWPIN_ZERO));
        assertEquals(0, stat(VmItem.PSWPIN));
    }

    @Test
    void aPageEntersTheCacheDirtyAndCannotLeaveItUnwrittenWhileEntriesHoldItsSlot() {
        long pfn = anonPage(77);
        long entry = cache.addToSwapCache(pfn);
        assertEquals(2, frames.refcount(pfn), "the caller's and the cache's");
        assertTrue((frames.flags(pfn) & PageFlags.DIRTY) != 0, "no copy in the slot yet");
        cache.duplicate(entry);
        frames.putPage(pfn);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.deleteFromSwapCache(pfn));
        assertTrue(e.getMessage().startsWith(String.format("delete_from_swap_cache: page %#x of entry 00000001 is dirty", pfn)),
                e.getMessage());
        assertEquals(entry, cache.entryOf(pfn), "still in the cache");
        assertEquals(1, frames.refcount(pfn));
        cache.writePage(pfn);
        cache.deleteFromSwapCache(pfn);
        assertEquals(77, frames.content(cache.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE)));
    }

    @Test
    void addToSwapCacheRefusesFreeForeignAndCachedPages() {
        long pfn = machine.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        assertThrows(IllegalArgumentException.class, () -> cache.addToSwapCache(pfn), "not swap-backed");
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        long entry = cache.addToSwapCache(pfn);
        assertEquals(String.format("add_to_swap: page %#x is already in the swap cache as entry %08x", pfn, entry),
                assertThrows(IllegalArgumentException.class, () -> cache.addToSwapCache(pfn)).getMessage());
        cache.deleteFromSwapCache(pfn);
        machine.pageAllocator().freePages(pfn, 0);
        assertThrows(IllegalArgumentException.class, () -> cache.addToSwapCache(pfn), "a free page");
        assertThrows(IllegalArgumentException.class, () -> cache.writePage(pfn), "not in the cache");
        assertEquals(511, swap.freePages());
    }

    @Test
    void readaheadReadsTheAlignedWindowOfSlotsInUseAndWidensWithHits() {
        long[] entries = new long[80];
        for (int off = 1; off < 80; off++) {
            entries[off] = swapOut(1000 + off);
            assertEquals(off, SwapEntry.offset(entries[off]));
        }
        cache.free(entries[30]);
        cache.swapIn(entries[20], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(20L), cached(entries), "a lone fault reads its slot alone");
        cache.swapIn(entries[22], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(20L, 22L), cached(entries), "not next to the last one either");
        cache.swapIn(entries[23], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(20L, 22L, 23L), cached(entries), "next to it: a window of 2 (22-23), 22 already in");
        cache.swapIn(entries[24], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(20L, 22L, 23L, 24L, 25L), cached(entries), "24-25, 25 read ahead");
        assertEquals(1, stat(VmItem.SWAP_RA));
        assertNotEquals(-1, cache.lookup(entries[25]));
        assertEquals(1, stat(VmItem.SWAP_RA_HIT), "the fault on 25 finds it");
        cache.swapIn(entries[26], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(20L, 22L, 23L, 24L, 25L, 26L, 27L), cached(entries), "a hit: a window of 4, 24-27");
        cache.lookup(entries[27]);
        for (int i = 0; i < 4; i++) {
            cache.lookup(entries[27]);
        }
        cache.swapIn(entries[28], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(20L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 31L), cached(entries),
                "a window of 4 again (one hit; a page is a hit once): 28-31, without the free slot 30");
        for (int off : new int[] {25, 29, 31}) {
            assertEquals(1000 + off, machine.pageFrames().content(cache.lookup(entries[off])), "read ahead with its content");
        }
        assertEquals(0, machine.pageFrames().mapping(cache.lookup(entries[29])));
    }

    @Test
    void theWindowIsAlignedAndNeverReadsTheHeaderOrPastTheEnd() {
        SwapTest box = on(MachineConfig.builder().swapBytes(10 * 4096));
        long[] entries = new long[10];
        for (int off = 1; off < 10; off++) {
            entries[off] = box.swapOut(off);
        }
        box.cache.swapIn(entries[1], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(1L), box.cached(entries), "next to 0, where no fault was: the window 0-1, less the header");
        box.cache.swapIn(entries[2], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(1L, 2L, 3L), box.cached(entries), "2-3");
        box.cache.lookup(entries[3]);
        box.cache.swapIn(entries[9], Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(List.of(1L, 2L, 3L, 8L, 9L), box.cached(entries), "8-11, cut at the last slot, 9");
    }

    @Test
    void pageClusterZeroTurnsReadaheadOff() {
        swap.setPageCluster(0);
        long[] entries = new long[10];
        for (int off = 1; off < 10; off++) {
            entries[off] = swapOut(off);
        }
        for (int off = 1; off < 10; off++) {
            cache.swapIn(entries[off], Gfp.GFP_HIGHUSER_MOVABLE);
            assertEquals(off, cached(entries).size());
        }
        assertEquals(0, stat(VmItem.SWAP_RA));
        assertThrows(IllegalArgumentException.class, () -> swap.setPageCluster(32));
        assertEquals(0, swap.pageCluster());
    }

    /**
     * The offsets of {@code entries} that have a swap-cache page, found from the pages' side ({@code entryOf} of
     * every frame), since a lookup would count as a readahead hit.
     */
    private List<Long> cached(long[] entries) {
        java.util.Set<Long> inCache = new java.util.HashSet<>();
        long frameCount = 0;
        for (var zone : machine.physicalMemory().zones()) {
            frameCount = Math.max(frameCount, zone.startPfn() + zone.spanned());
        }
        for (long pfn = 0; pfn < frameCount; pfn++) {
            long e = cache.entryOf(pfn);
            if (e != 0) {
                inCache.add(e);
            }
        }
        List<Long> offsets = new ArrayList<>();
        for (long e : entries) {
            if (e != 0 && inCache.contains(e)) {
                offsets.add(SwapEntry.offset(e));
            }
        }
        return offsets;
    }

    @Test
    void swapoffDropsTheAreasSwapCacheAndItsPagesLiveOnIfSomethingElseHoldsThem() {
        swap.swapon("/extra", 256, 100);
        long onlyCached = anonPage(1);
        long e1 = cache.addToSwapCache(onlyCached);
        frames.putPage(onlyCached);
        long held = anonPage(2);
        long e2 = cache.addToSwapCache(held);
        cache.writePage(held);
        assertEquals(List.of(1, 1), List.of(SwapEntry.type(e1), SwapEntry.type(e2)), "the higher priority");
        assertEquals(2, swap.cachedPages());
        long freeRam = machine.physicalMemory().freePages();
        swap.swapoff("/extra");
        assertEquals(List.of("/swap.img"), swap.areas().stream().map(SwapArea::path).toList());
        assertEquals(0, swap.cachedPages());
        assertEquals(0, frames.refcount(onlyCached), "only the cache held it: freed");
        assertEquals(1, frames.refcount(held), "its other holder keeps it");
        assertEquals(0, cache.entryOf(held));
        assertEquals(0, frames.flags(held) & PageFlags.OWNER_PRIV_1);
        assertTrue((frames.flags(held) & PageFlags.DIRTY) != 0, "no copy in swap any more: dirty");
        assertEquals(2, frames.content(held));
        assertTrue(machine.physicalMemory().freePages() >= freeRam, "nothing was allocated");
        assertEquals(511, swap.totalPages());
    }

    @Test
    void swapoffOfAMappedPageInTheSwapCacheLeavesItMapped() {
        var processes = machine.processes();
        int pid = processes.spawn("app", org.mmsim.api.paging.ProgramImages.builtIn("hello"));
        long address = processes.mmap(pid, 0, 4096, Prot.PROT_READ | Prot.PROT_WRITE, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS,
                null, 0);
        processes.access(pid, address, org.mmsim.api.paging.AccessType.WRITE);
        long pfn = processes.pagemap(pid, address);
        long token = frames.content(pfn);
        swap.swapon("/extra", 256, 100);
        long entry = cache.addToSwapCache(pfn);
        assertEquals(1, SwapEntry.type(entry));
        swap.swapoff("/extra");
        assertEquals(pfn, processes.pagemap(pid, address));
        assertEquals(token, frames.content(pfn));
        assertEquals(0, cache.entryOf(pfn));
        assertEquals(1, frames.mapcount(pfn));
    }

    @Test
    void swapoffFailsCleanlyWhileEntriesHoldSlotsAndTheAreaGoesOnServing() {
        swap.swapon("/extra", 256, 100);
        long entry = swapOut(9);
        assertEquals(1, SwapEntry.type(entry));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> swap.swapoff("/extra"));
        assertEquals("/extra: swapoff failed: 1 slots are held by entries no page table has", e.getMessage());
        assertEquals(new SwapArea("/extra", "file", 255, 1, 100), swap.areas().get(1));
        assertEquals(511 + 255 - 1, swap.freePages());
        assertEquals(1, SwapEntry.type(swapOut(10)), "still the first choice");
        assertEquals(9, frames.content(cache.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE)));
    }

    @Test
    void aFailedSwapoffOfANegativePriorityPutsTheAreaLast() {
        swap.swapon("/extra", 256, -1);
        long entry = swapOut(9);
        assertEquals(0, SwapEntry.type(entry), "-2 before -3");
        assertThrows(IllegalStateException.class, () -> swap.swapoff("/swap.img"));
        assertEquals(List.of(-3, -2), priorities(), "as reinsert_swap_info() leaves them");
    }
}
