package org.mmsim.reclaim.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.fake.FakeBlockQueue;
import org.mmsim.reclaim.fake.FakeFrames;
import org.mmsim.reclaim.fake.FakeLog;
import org.mmsim.reclaim.fake.FakeLru;
import org.mmsim.reclaim.fake.FakeMemory;
import org.mmsim.reclaim.fake.FakeProcesses;
import org.mmsim.reclaim.fake.FakeSwapDevice;

/**
 * Swap under random chains of swapons and swapoffs, pages entering the swap cache, written, unmapped into their
 * slots, deleted from the cache, faulted back in (with readahead), entries duplicated past SWAP_MAP_MAX and freed,
 * misuses that must be refused, and allocations that fail, beside a plain model: per area, per slot, how many
 * page-table entries hold it, the swap-cache page holding it, the shadow left in it and the content its holders
 * expect; per page its references, mappings, entry and dirtiness. After every step: each slot's count is the model's,
 * free plus used slots are the total and SwapTotal/SwapFree are the model's, /proc/swaps' lines are the model's areas,
 * the swap cache is the model's pages (PG_swapcache, their entries, SwapCached, nr_swapcached), every frame's
 * references, mappings, content and dirtiness are the model's, and the I/O counters are the model's and the swap
 * device's. A swapped-in page always holds the content its entries expect; the device is never asked for a slot that
 * was not written, or was freed since, and never sees a page of zeroes.
 *
 * <p>Where swap may choose, the model checks the choice rather than predicting it: which free slot an allocation
 * takes (it must have been free, and one is taken whenever one is free); which pages readahead brings in (only slots
 * that entries hold and no page caches, with their content and shadow); and which slots only the swap cache holds an
 * allocation frees when swap is more than half full ({@code vm_swap_full()}).
 */
class SwapSpaceStatefulTest {
    static final int FRAMES = 96;
    static final String[] PATHS = {SwapSpace.BOOT_PATH, "/swap1", "/dev/sdb2"};
    /** The machine's configured swap, swapped on at boot: 24 pages, header included. */
    static final long BOOT_PAGES = 24;

    static final class Slot {
        int count;
        /** The swap-cache page, or -1. */
        long pfn = -1;
        long shadow;
        /** The content the entries holding it expect to read back. */
        long expected;
        /** What was written to it. */
        long written;

        boolean inUse() {
            return count > 0 || pfn >= 0;
        }
    }

    static final class Area {
        final String path;
        final int type;
        final long max;
        int prio;
        boolean writeOk = true;
        final Slot[] slots;

        Area(String path, int type, long max, int prio) {
            this.path = path;
            this.type = type;
            this.max = max;
            this.prio = prio;
            slots = new Slot[(int) max];
            for (int i = 1; i < max; i++) {
                slots[i] = new Slot();
            }
        }

        long used() {
            long used = 0;
            for (int i = 1; i < max; i++) {
                used += slots[i].inUse() ? 1 : 0;
            }
            return used;
        }
    }

    static final class Page {
        final long pfn;
        final long content;
        int refs = 1;
        int maps;
        long entry;
        boolean dirty;
        boolean readahead;

        Page(long pfn, long content) {
            this.pfn = pfn;
            this.content = content;
        }
    }

    static final class World {
        final VmStat vmstat = new VmStat();
        final FakeMemory memory = FakeMemory.nodes(1, FRAMES);
        final FakeFrames frames = new FakeFrames(FRAMES);
        final FakeLru lru = new FakeLru(frames);
        final FakeSwapDevice device = new FakeSwapDevice();
        final FakeBlockQueue queue = new FakeBlockQueue();
        final SwapSpace swap = new SwapSpace(MachineConfig.builder().swapBytes(BOOT_PAGES * 4096).build(), memory, frames,
                frames, vmstat, new FakeProcesses(this::unuse), lru, new FakeLog(), device, path -> queue);

        final Map<Integer, Area> areas = new TreeMap<>(Map.of(0, new Area(SwapSpace.BOOT_PATH, 0, BOOT_PAGES, -2)));
        final Map<Long, Page> pages = new TreeMap<>();
        int leastPriority = -2;
        long nextToken = 1;
        long pswpout;
        long swpoutZero;
        long pswpin;
        long swpinZero;
        long swapRa;
        long swapRaHit;
        /** Whether an allocation may fail now (a budget was set). */
        boolean allocationsMayFail;

        World() {
            frames.releaseLruWith(lru::release);
        }

        @Override
        public String toString() {
            return areas.size() + " areas, " + pages.size() + " pages";
        }

        // ---- the model

        long total() {
            return areas.values().stream().filter(a -> a.writeOk).mapToLong(a -> a.max - 1).sum();
        }

        long free() {
            return areas.values().stream().filter(a -> a.writeOk).mapToLong(a -> a.max - 1 - a.used()).sum();
        }

        boolean swapFull() {
            return free() * 2 < total();
        }

        Area area(long entry) {
            return areas.get(SwapEntry.type(entry));
        }

        Slot slot(long entry) {
            return area(entry).slots[(int) SwapEntry.offset(entry)];
        }

        void freeSlot(Slot s) {
            s.count = 0;
            s.pfn = -1;
            s.shadow = 0;
            s.expected = 0;
            s.written = 0;
        }

        void putModelPage(Page p) {
            p.refs--;
            if (p.refs == 0) {
                assertEquals(0, p.maps, "a page freed while mapped");
                assertEquals(0, p.entry, "a page freed in the swap cache");
                pages.remove(p.pfn);
            }
        }

        /** The page of {@code s} leaves the swap cache, marked dirty if {@code dirty}. */
        void cacheDelete(Slot s, boolean dirty) {
            Page p = pages.get(s.pfn);
            p.entry = 0;
            if (dirty) {
                p.dirty = true;
            }
            s.pfn = -1;
            if (s.count == 0) {
                freeSlot(s);
            }
            putModelPage(p);
        }

        /** One page-table entry lets go of {@code entry} (swap_free()). */
        void modelFreeOne(long entry) {
            Slot s = slot(entry);
            s.count--;
            if (s.count > 0) {
                return;
            }
            if (s.pfn < 0) {
                freeSlot(s);
            } else if (pages.get(s.pfn).maps == 0 || swapFull()) {
                cacheDelete(s, true);
            }
        }

        /** Entries some page-table entries hold, in order. */
        List<Long> held() {
            List<Long> held = new ArrayList<>();
            for (Area a : areas.values()) {
                for (int i = 1; i < a.max; i++) {
                    if (a.slots[i].count > 0) {
                        held.add(SwapEntry.of(a.type, i));
                    }
                }
            }
            return held;
        }

        List<Page> pick(Predicate<Page> filter) {
            return pages.values().stream().filter(filter).toList();
        }

        /**
         * After swap read pages in: the pages it put in the swap cache that the model does not know (read in for
         * {@code wanted}, or read ahead) join the model, each checked against its slot.
         */
        void adoptSwappedIn(long wanted) {
            for (long pfn = 0; pfn < FRAMES; pfn++) {
                if (frames.isFree(pfn) || pages.containsKey(pfn)) {
                    continue;
                }
                long entry = swap.entryOf(pfn);
                assertTrue(entry != 0, "pfn " + pfn + " was allocated and is not in the swap cache");
                Slot s = slot(entry);
                assertTrue(s.count > 0 && s.pfn < 0, "read in: entry " + Long.toHexString(entry)
                        + ", which no entry holds or a page caches");
                Page p = new Page(pfn, s.expected);
                assertEquals(s.expected, s.written, "entry " + Long.toHexString(entry)
                        + ": what its holders expect was written");
                assertEquals(s.expected, frames.content(pfn), "entry " + Long.toHexString(entry) + " read back");
                assertEquals(s.shadow, lru.swapIns.get(pfn), "the shadow the swap-in brought");
                p.entry = entry;
                p.readahead = entry != wanted;
                s.pfn = pfn;
                s.shadow = 0;
                pages.put(pfn, p);
                if (s.expected == 0) {
                    swpinZero++;
                } else {
                    pswpin++;
                }
                if (p.readahead) {
                    swapRa++;
                }
            }
        }

        /**
         * After an allocation of a slot: the slots only the swap cache held that it gave up (allowed only when swap
         * was more than half full).
         */
        void adoptCacheReclaim(long freeBefore, long totalBefore) {
            for (Area a : areas.values()) {
                for (int i = 1; i < a.max; i++) {
                    Slot s = a.slots[i];
                    if (s.count == 0 && s.pfn >= 0 && swap.entryOf(s.pfn) != SwapEntry.of(a.type, i)) {
                        assertTrue((freeBefore - 1) * 2 < totalBefore, "a slot only the swap cache held was reclaimed "
                                + "with " + freeBefore + " of " + totalBefore + " free");
                        cacheDelete(s, true);
                    }
                }
            }
        }

        /** Brings a page into memory for {@code entry}, as a fault does: -1 if no memory. */
        long lookupOrRead(long entry) {
            long pfn = swap.lookup(entry);
            if (pfn >= 0) {
                Page p = pages.get(pfn);
                assertEquals(slot(entry).pfn, pfn, "lookup found the cached page");
                if (p.readahead) {
                    p.readahead = false;
                    swapRaHit++;
                }
                return pfn;
            }
            assertTrue(slot(entry).pfn < 0, "lookup missed a cached page");
            pfn = swap.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
            adoptSwappedIn(entry);
            if (pfn < 0) {
                assertTrue(allocationsMayFail || frames.freeFrames() == 0, "swap-in failed with memory to spare");
                return -1;
            }
            assertEquals(entry, swap.entryOf(pfn));
            return pfn;
        }

        /** A page-table entry holding {@code entry} maps its page now and lets the slot go (do_swap_page()). */
        void mapBack(long entry, long pfn) {
            Page p = pages.get(pfn);
            assertEquals(slot(entry).expected, frames.content(pfn), "what the entry holds is what it gets back");
            frames.getPage(pfn);
            frames.incMapcount(pfn);
            p.refs++;
            p.maps++;
            swap.free(entry);
            modelFreeOne(entry);
        }

        /** Every mapping of {@code p} goes; if it is then only in the swap cache, it leaves it (and is freed). */
        void release(Page p) {
            while (p.maps > 0) {
                frames.decMapcount(p.pfn);
                p.maps--;
                frames.putPage(p.pfn);
                putModelPage(p);
            }
            if (pages.containsKey(p.pfn) && p.entry != 0 && slot(p.entry).count == 0) {
                Slot s = slot(p.entry);
                swap.deleteFromSwapCache(p.pfn);
                cacheDelete(s, false);
            }
        }

        /** {@code try_to_unuse()} as the paging layer does it at swapoff: every entry of the area maps its page. */
        boolean unuse(int type) {
            for (long entry : held()) {
                if (SwapEntry.type(entry) != type) {
                    continue;
                }
                while (slot(entry).count > 0) {
                    long pfn = lookupOrRead(entry);
                    if (pfn < 0) {
                        return false;
                    }
                    mapBack(entry, pfn);
                }
            }
            return true;
        }

        // ---- the checks; they only read

        void check() {
            assertEquals(total(), swap.totalPages(), "SwapTotal");
            assertEquals(free(), swap.freePages(), "SwapFree");
            long used = areas.values().stream().filter(a -> a.writeOk).mapToLong(Area::used).sum();
            assertEquals(swap.totalPages(), swap.freePages() + used, "free and used slots are the total");
            List<SwapArea> lines = swap.areas();
            assertEquals(areas.size(), lines.size(), "/proc/swaps");
            int i = 0;
            for (Area a : areas.values()) {
                SwapArea line = lines.get(i++);
                assertEquals(new SwapArea(a.path, a.path.startsWith("/dev/") ? "partition" : "file", a.max - 1, a.used(),
                        a.prio), line);
                for (int off = 1; off < a.max; off++) {
                    assertEquals(a.slots[off].count, swap.count(SwapEntry.of(a.type, off)), a.path + " slot " + off);
                }
            }
            long cached = pages.values().stream().filter(p -> p.entry != 0).count();
            assertEquals(cached, swap.cachedPages(), "SwapCached");
            assertEquals(cached, vmstat.get(VmItem.NR_SWAPCACHED));
            assertEquals(cached, vmstat.get(VmItem.NR_FILE_PAGES), "the swap cache counts as file pages");
            // Every page that is not all zeroes went to the device, and every one read back came from it.
            assertEquals(vmstat.get(VmItem.PSWPOUT), device.writes(), "pswpout is the device's writes");
            assertEquals(vmstat.get(VmItem.PSWPIN), device.reads(), "pswpin is the device's reads");
            for (long pfn = 0; pfn < FRAMES; pfn++) {
                Page p = pages.get(pfn);
                String which = "pfn " + pfn + " (" + PageFlags.describe(frames.flags(pfn)) + ")";
                if (p == null) {
                    assertTrue(frames.isFree(pfn), which + " is free");
                    continue;
                }
                assertFalse(frames.isFree(pfn), which);
                assertEquals(p.refs, frames.refcount(pfn), which + ": references");
                assertEquals(p.maps, frames.mapcount(pfn), which + ": mappings");
                assertEquals(p.content, frames.content(pfn), which + ": content");
                assertEquals(p.entry, swap.entryOf(pfn), which + ": entry");
                assertEquals(p.entry != 0, (frames.flags(pfn) & SwapCachePages.PG_SWAPCACHE) != 0, which + ": PG_swapcache");
                assertEquals(p.dirty, (frames.flags(pfn) & PageFlags.DIRTY) != 0, which + ": PG_dirty");
                assertEquals(p.readahead, (frames.flags(pfn) & SwapCachePages.PG_READAHEAD) != 0, which + ": PG_readahead");
                if (p.entry != 0) {
                    assertEquals(pfn, slot(p.entry).pfn, which + ": its slot's cache page");
                }
            }
            for (Area a : areas.values()) {
                for (int off = 1; off < a.max; off++) {
                    Slot s = a.slots[off];
                    if (s.pfn >= 0) {
                        assertEquals(SwapEntry.of(a.type, off), pages.get(s.pfn).entry, a.path + " slot " + off);
                    }
                }
            }
            assertEquals(pswpout, vmstat.get(VmItem.PSWPOUT), "pswpout");
            assertEquals(pswpout, queue.pagesWritten(), "pages written to the disk's queue");
            assertEquals(swpoutZero, vmstat.get(VmItem.SWPOUT_ZERO), "swpout_zero");
            assertEquals(pswpin, vmstat.get(VmItem.PSWPIN), "pswpin");
            assertEquals(pswpin, queue.pagesRead(), "pages read from the disk's queue");
            assertEquals(swpinZero, vmstat.get(VmItem.SWPIN_ZERO), "swpin_zero");
            assertEquals(swapRa, vmstat.get(VmItem.SWAP_RA), "swap_ra");
            assertEquals(swapRaHit, vmstat.get(VmItem.SWAP_RA_HIT), "swap_ra_hit");
        }
    }

    // ---- the steps

    /** New anonymous pages, each mapped once (a page of zeroes is not written to swap). */
    static Transformer<World> newPages(int count, boolean zero) {
        return Transformer.mutate(count + (zero ? " new zero pages" : " new pages"), w -> {
            for (int i = 0; i < count; i++) {
                long pfn = w.frames.allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
                if (pfn < 0) {
                    return;
                }
                Page p = new Page(pfn, zero ? 0 : w.nextToken++);
                w.frames.setFlags(pfn, PageFlags.SWAPBACKED);
                w.frames.setContent(pfn, p.content);
                w.frames.incMapcount(pfn);
                p.maps = 1;
                w.pages.put(pfn, p);
            }
        });
    }

    static Transformer<World> addToSwapCache(int choice) {
        return Transformer.mutate("add_to_swap " + choice, w -> {
            List<Page> some = w.pick(p -> p.entry == 0);
            if (some.isEmpty()) {
                return;
            }
            Page p = some.get(choice % some.size());
            long freeBefore = w.free();
            long totalBefore = w.total();
            long entry = w.swap.addToSwapCache(p.pfn);
            w.adoptCacheReclaim(freeBefore, totalBefore);
            if (entry == 0) {
                assertEquals(0, w.free(), "no slot given with " + w.free() + " free");
                return;
            }
            Area a = w.area(entry);
            assertTrue(a != null && a.writeOk, "a slot of an area in service");
            Slot s = w.slot(entry);
            assertFalse(s.inUse(), "slot " + Long.toHexString(entry) + " was in use");
            s.pfn = p.pfn;
            p.entry = entry;
            p.refs++;
            p.dirty = true;
        });
    }

    static Transformer<World> writePage(int choice) {
        return Transformer.mutate("swap_writepage " + choice, w -> {
            List<Page> some = w.pick(p -> p.entry != 0);
            if (some.isEmpty()) {
                return;
            }
            Page p = some.get(choice % some.size());
            w.swap.writePage(p.pfn);
            w.slot(p.entry).written = p.content;
            p.dirty = false;
            if (p.content == 0) {
                w.swpoutZero++;
            } else {
                w.pswpout++;
            }
        });
    }

    /** try_to_unmap() of a page in the swap cache: each of its page-table entries becomes its swap entry. */
    static Transformer<World> unmapToSwap(int choice) {
        return Transformer.mutate("try_to_unmap " + choice, w -> {
            List<Page> some = w.pick(p -> p.entry != 0 && p.maps > 0);
            if (some.isEmpty()) {
                return;
            }
            Page p = some.get(choice % some.size());
            Slot s = w.slot(p.entry);
            if (s.count > 0) {
                assertEquals(s.expected, p.content);
            }
            s.expected = p.content;
            int maps = p.maps;
            long pfn = p.pfn;
            for (int i = 0; i < maps; i++) {
                w.swap.duplicate(p.entry);
                s.count++;
                w.frames.decMapcount(pfn);
                p.maps--;
                w.frames.putPage(pfn);
                w.putModelPage(p);
            }
        });
    }

    /** What reclaim does to anonymous pages: for each a slot, its entries, a write, and out of the swap cache. */
    static Transformer<World> swapOut(int choice, int count) {
        return Transformer.mutate("swap out " + count + " from " + choice, w -> {
            for (int i = 0; i < count; i++) {
                List<Page> some = w.pick(p -> p.entry == 0 && p.maps > 0);
                if (some.isEmpty()) {
                    return;
                }
                Page p = some.get((choice + i) % some.size());
                long pfn = p.pfn;
                addToSwapCache(w.pick(x -> x.entry == 0).indexOf(p)).apply(w);
                if (p.entry == 0) {
                    return;
                }
                unmapToSwap(w.pick(x -> x.entry != 0 && x.maps > 0).indexOf(p)).apply(w);
                writePage(w.pick(x -> x.entry != 0).indexOf(p)).apply(w);
                deleteFromSwapCache(w.pick(x -> x.entry != 0 && (!x.dirty || w.slot(x.entry).count == 0)).indexOf(p),
                        true).apply(w);
                assertTrue(w.frames.isFree(pfn), "swapped out and freed");
            }
        });
    }

    /** A page leaves the swap cache as its callers may let it: clean, or with no entry holding its slot. */
    static Transformer<World> deleteFromSwapCache(int choice, boolean shadow) {
        return Transformer.mutate("delete_from_swap_cache " + choice + (shadow ? " with a shadow" : ""), w -> {
            List<Page> some = w.pick(p -> p.entry != 0 && (!p.dirty || w.slot(p.entry).count == 0));
            if (some.isEmpty()) {
                return;
            }
            Page p = some.get(choice % some.size());
            Slot s = w.slot(p.entry);
            long value = shadow ? 1000 + p.pfn : 0;
            w.swap.deleteFromSwapCache(p.pfn, value);
            w.cacheDelete(s, false);
            if (value != 0 && s.count > 0) {
                s.shadow = value;
            }
        });
    }

    /** Deleting a dirty page no page table maps while entries hold its slot is refused; nothing changes. */
    static Transformer<World> deleteDirtyHeld(int choice) {
        return Transformer.mutate("delete_from_swap_cache of a dirty held page " + choice, w -> {
            List<Page> some = w.pick(p -> p.entry != 0 && p.dirty && p.maps == 0 && w.slot(p.entry).count > 0);
            if (!some.isEmpty()) {
                Page p = some.get(choice % some.size());
                assertThrows(IllegalStateException.class, () -> w.swap.deleteFromSwapCache(p.pfn));
            }
        });
    }

    /** fork copies page-table entries that hold swap entries: each one more holder (past SWAP_MAP_MAX too). */
    static Transformer<World> duplicate(int choice, int times) {
        return Transformer.mutate("swap_duplicate " + choice + " x " + times, w -> {
            List<Long> held = w.held();
            if (held.isEmpty()) {
                return;
            }
            long entry = held.get(choice % held.size());
            for (int i = 0; i < times; i++) {
                w.swap.duplicate(entry);
                w.slot(entry).count++;
            }
        });
    }

    /** Page-table entries holding a swap entry go (munmap, exit). */
    static Transformer<World> free(int choice, int times) {
        return Transformer.mutate("swap_free " + choice + " x " + times, w -> {
            List<Long> held = w.held();
            if (held.isEmpty()) {
                return;
            }
            long entry = held.get(choice % held.size());
            for (int i = 0; i < times && w.slot(entry).count > 0; i++) {
                w.swap.free(entry);
                w.modelFreeOne(entry);
            }
        });
    }

    /**
     * Faults on held entries one after another, in slot order from the {@code choice}-th (a sequential access, which
     * swap readahead widens its window for): each the swap cache's page or one read in, mapped, and the slot let go.
     */
    static Transformer<World> faultIn(int choice, int count) {
        return Transformer.mutate("do_swap_page " + count + " from " + choice, w -> {
            List<Long> held = w.held();
            for (int i = 0; i < count && i < held.size(); i++) {
                long entry = held.get((choice + i) % held.size());
                long pfn = w.lookupOrRead(entry);
                if (pfn < 0) {
                    return;
                }
                w.mapBack(entry, pfn);
            }
        });
    }

    /** A mapping of a page goes (munmap); the page may stay in the swap cache. */
    static Transformer<World> unmap(int choice) {
        return Transformer.mutate("unmap " + choice, w -> {
            List<Page> some = w.pick(p -> p.maps > 0);
            if (some.isEmpty()) {
                return;
            }
            Page p = some.get(choice % some.size());
            w.frames.decMapcount(p.pfn);
            p.maps--;
            w.frames.putPage(p.pfn);
            w.putModelPage(p);
        });
    }

    /** What swap refuses, naming the entry, and leaves as it was. */
    static Transformer<World> misuse(int choice) {
        return Transformer.mutate("misuse " + choice, w -> {
            List<Long> unheld = new ArrayList<>();
            for (Area a : w.areas.values()) {
                for (int i = 1; i < a.max; i++) {
                    if (a.slots[i].count == 0) {
                        unheld.add(SwapEntry.of(a.type, i));
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> w.swap.count(SwapEntry.of(a.type, 0)), "the header");
                assertThrows(IllegalArgumentException.class, () -> w.swap.count(SwapEntry.of(a.type, a.max)), "past the end");
            }
            assertThrows(IllegalArgumentException.class, () -> w.swap.free(SwapEntry.of(31, 1)), "an area that is not");
            if (!unheld.isEmpty()) {
                long entry = unheld.get(choice % unheld.size());
                assertThrows(IllegalArgumentException.class, () -> w.swap.free(entry), "free of an unheld slot");
                if (w.slot(entry).pfn < 0) {
                    assertThrows(IllegalArgumentException.class, () -> w.swap.duplicate(entry), "duplicate of a free slot");
                    assertThrows(IllegalArgumentException.class, () -> w.swap.swapIn(entry, 0), "swap-in of a free slot");
                }
            }
            List<Page> cached = w.pick(p -> p.entry != 0);
            if (!cached.isEmpty()) {
                Page p = cached.get(choice % cached.size());
                assertThrows(IllegalArgumentException.class, () -> w.swap.addToSwapCache(p.pfn), "added twice");
            }
            List<Page> uncached = w.pick(p -> p.entry == 0);
            if (!uncached.isEmpty()) {
                Page p = uncached.get(choice % uncached.size());
                assertThrows(IllegalArgumentException.class, () -> w.swap.writePage(p.pfn), "written out of the cache");
            }
        });
    }

    static Transformer<World> swapon(int path, long pages, int prio) {
        return Transformer.mutate("swapon " + PATHS[path] + " " + pages + " prio " + prio, w -> {
            String name = PATHS[path];
            boolean inUse = w.areas.values().stream().anyMatch(a -> a.path.equals(name));
            if (inUse || pages < 2) {
                // claim_swapfile()'s EBUSY; an area of its header alone is read_swap_header()'s "Empty swap-file".
                SyscallException e = assertThrows(SyscallException.class, () -> w.swap.swapon(name, pages, prio));
                assertEquals(inUse ? "EBUSY" : "EINVAL", e.errno(), e.getMessage());
                return;
            }
            w.swap.swapon(name, pages, prio);
            int type = 0;
            while (w.areas.containsKey(type)) {
                type++;
            }
            w.areas.put(type, new Area(name, type, pages, prio >= 0 ? prio : --w.leastPriority));
        });
    }

    static Transformer<World> swapoff(int path) {
        return Transformer.mutate("swapoff " + PATHS[path], w -> {
            String name = PATHS[path];
            Area a = w.areas.values().stream().filter(x -> x.path.equals(name)).findFirst().orElse(null);
            if (a == null) {
                assertEquals("EINVAL", assertThrows(SyscallException.class, () -> w.swap.swapoff(name)).errno());
                return;
            }
            // disable: no more slots from it; the negative priorities after it move up.
            a.writeOk = false;
            if (a.prio < 0) {
                for (Area other : w.areas.values()) {
                    if (other != a && other.prio < a.prio) {
                        other.prio++;
                    }
                }
                w.leastPriority++;
            }
            try {
                w.swap.swapoff(name);
            } catch (IllegalStateException e) {
                assertTrue(w.allocationsMayFail || w.frames.freeFrames() == 0,
                        "swapoff failed with memory to spare: " + e.getMessage());
                if (a.prio < 0) {
                    a.prio = --w.leastPriority;
                }
                a.writeOk = true;
                return;
            }
            for (int i = 1; i < a.max; i++) {
                Slot s = a.slots[i];
                assertEquals(0, s.count, "swapoff left an entry holding slot " + i);
                if (s.pfn >= 0) {
                    w.cacheDelete(s, true);
                }
            }
            w.areas.remove(a.type);
        });
    }

    static Transformer<World> budget(int allocations) {
        return Transformer.mutate("allocations " + (allocations < 0 ? "unlimited" : "up to " + allocations), w -> {
            w.frames.budget(allocations);
            w.allocationsMayFail = allocations >= 0;
        });
    }

    static Transformer<World> pageCluster(int value) {
        return Transformer.mutate("vm.page-cluster " + value, w -> w.swap.setPageCluster(value));
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 999);
        Arbitrary<Integer> path = Arbitraries.integers().between(0, PATHS.length - 1);
        return ActionChain.startWith(World::new)
                .withAction(2, action(Combinators.combine(path, Arbitraries.frequency(Tuple.of(1, 1L), Tuple.of(1, 2L), Tuple.of(1, 5L), Tuple.of(3, 12L),
                        Tuple.of(3, 40L), Tuple.of(2, 300L), Tuple.of(1, 600L)),
                        Arbitraries.of(-1, -1, 0, 5)).as(SwapSpaceStatefulTest::swapon)))
                .withAction(1, action(path.map(SwapSpaceStatefulTest::swapoff)))
                .withAction(4, action(Combinators.combine(Arbitraries.integers().between(1, 8),
                        Arbitraries.of(false, false, false, true)).as(SwapSpaceStatefulTest::newPages)))
                .withAction(5, action(choice.map(SwapSpaceStatefulTest::addToSwapCache)))
                .withAction(4, action(Combinators.combine(choice, Arbitraries.integers().between(1, 8))
                        .as(SwapSpaceStatefulTest::swapOut)))
                .withAction(3, action(choice.map(SwapSpaceStatefulTest::writePage)))
                .withAction(4, action(choice.map(SwapSpaceStatefulTest::unmapToSwap)))
                .withAction(3, action(Combinators.combine(choice, Arbitraries.of(false, true))
                        .as(SwapSpaceStatefulTest::deleteFromSwapCache)))
                .withAction(1, action(choice.map(SwapSpaceStatefulTest::deleteDirtyHeld)))
                .withAction(2, action(Combinators.combine(choice, Arbitraries.of(1, 1, 2, 70))
                        .as(SwapSpaceStatefulTest::duplicate)))
                .withAction(3, action(Combinators.combine(choice, Arbitraries.of(1, 1, 2, 80))
                        .as(SwapSpaceStatefulTest::free)))
                .withAction(4, action(Combinators.combine(choice, Arbitraries.integers().between(1, 6))
                        .as(SwapSpaceStatefulTest::faultIn)))
                .withAction(2, action(choice.map(SwapSpaceStatefulTest::unmap)))
                .withAction(1, action(choice.map(SwapSpaceStatefulTest::misuse)))
                .withAction(1, action(Arbitraries.of(-1, -1, 0, 1, 4).map(SwapSpaceStatefulTest::budget)))
                .withAction(1, action(Arbitraries.of(0, 1, 2, 3).map(SwapSpaceStatefulTest::pageCluster)))
                .withMaxTransformations(60);
    }

    @Property(tries = 60)
    void swapMatchesItsModel(@ForAll("chains") ActionChain<World> chain) {
        World w = chain.withInvariant("slots, swap cache, pages and counters as the model's", World::check).run();
        // Every entry reads back what it expects (each page then let go, to make room); then every area goes,
        // leaving nothing behind.
        budget(-1).apply(w);
        for (Page p : new ArrayList<>(w.pages.values())) {
            if (p.entry == 0 || w.slot(p.entry).count == 0) {
                w.release(p);
            }
        }
        for (long entry : w.held()) {
            long pfn = -1;
            while (w.slot(entry).count > 0) {
                pfn = w.lookupOrRead(entry);
                if (pfn < 0) {
                    fail("no memory to read entry " + Long.toHexString(entry) + " back");
                }
                w.mapBack(entry, pfn);
            }
            w.release(w.pages.get(pfn));
            w.check();
        }
        assertEquals(0, w.pages.values().stream().filter(p -> p.entry != 0 && w.slot(p.entry).count > 0).count());
        for (String path : PATHS) {
            int index = List.of(PATHS).indexOf(path);
            if (w.areas.values().stream().anyMatch(a -> a.path.equals(path))) {
                swapoff(index).apply(w);
            }
        }
        w.check();
        assertEquals(0, w.swap.totalPages());
        assertEquals(0, w.swap.cachedPages());
    }
}
