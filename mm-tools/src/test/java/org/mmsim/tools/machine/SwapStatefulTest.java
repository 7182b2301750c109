package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.proc.ProcFiles;

/**
 * Swap under random chains of what reclaim and faults do to it — pages into the swap cache, entries duplicated and
 * freed, writes, deletions from the cache, swap-ins with readahead, bad frees, a second area swapped on and off —
 * against a model of the slots in use: no slot is handed out twice, each slot's count and swap-cache page match the
 * model both ways (lookup and entryOf), SwapTotal, SwapFree and SwapCached in /proc/meminfo follow, a swap-in returns
 * what was written, and when every reference is dropped every slot and every page is free again.
 *
 * <p>Pages swapped out one after the other sit in consecutive slots, and swap-ins in slot order follow them, so
 * readahead reads ahead. The areas are tiny (15 slots each), so swap fills, gets more than half full (slots only the
 * cache holds are then taken back by the allocator) and runs out.
 */
class SwapStatefulTest {
    /** A slot in use, as the model sees it. */
    static final class Slot {
        int count;
        long page = -1;
        boolean dirty;
        long pageToken;
        long slotToken;
    }

    static final class World {
        final SimulatedMachine machine = MachineAssembler.boot(
                MachineConfig.builder().ramBytes(64L << 20).swapBytes(16 * 4096).build(), PolicyRegistry.load(Optional.empty()));
        final Swap swap = machine.swap();
        final SwapCache cache = machine.swapCache();
        final PageFrames frames = machine.pageFrames();
        final PageAllocator allocator = machine.pageAllocator();
        final Map<Long, Slot> slots = new TreeMap<>();
        final long frameCount;
        final long bootFree;
        boolean extra;
        /** The entry last swapped in, for sequential swap-ins (which readahead follows). */
        long lastIn;
        long writes;
        long reads;

        World() {
            long max = 0;
            for (var zone : machine.physicalMemory().zones()) {
                max = Math.max(max, zone.startPfn() + zone.spanned());
            }
            frameCount = max;
            allocator.drainAllPages();
            bootFree = machine.physicalMemory().freePages();
        }

        Map.Entry<Long, Slot> pick(int index, java.util.function.Predicate<Slot> which) {
            List<Map.Entry<Long, Slot>> fit = new ArrayList<>();
            for (Map.Entry<Long, Slot> e : slots.entrySet()) {
                if (which.test(e.getValue())) {
                    fit.add(e);
                }
            }
            return fit.isEmpty() ? null : fit.get(index % fit.size());
        }

        /** The swap cache from the pages' side: entry to pfn, over every frame. */
        Map<Long, Long> cacheByEntry() {
            Map<Long, Long> byEntry = new HashMap<>();
            for (long pfn = 0; pfn < frameCount; pfn++) {
                long entry = cache.entryOf(pfn);
                if (entry != 0) {
                    assertEquals(null, byEntry.put(entry, pfn), "one page per entry");
                }
            }
            return byEntry;
        }

        /**
         * What the machine did beside the action: pages read ahead joined the cache, and slots only the cache held
         * were taken back by the allocator (their pages freed).
         */
        void resync() {
            Map<Long, Long> byEntry = cacheByEntry();
            for (var it = slots.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                Slot s = e.getValue();
                Long pfn = byEntry.get(e.getKey());
                if (s.page < 0 && pfn != null) {
                    assertTrue(s.count > 0, "readahead reads only slots entries hold");
                    assertEquals(s.slotToken, frames.content(pfn), "read ahead with the slot's content");
                    s.page = pfn;
                    s.pageToken = s.slotToken;
                    s.dirty = false;
                    reads++;
                } else if (s.page >= 0 && pfn == null) {
                    assertEquals(0, s.count, "only a slot nothing but the cache holds is taken back");
                    it.remove();
                }
            }
            for (long entry : byEntry.keySet()) {
                assertTrue(slots.containsKey(entry), "no page in the cache the model does not know");
            }
        }

        /**
         * Slots only their swap-cache page held, which the allocator took back while swap was more than half full
         * (the page gave the slot up and was freed; the slot may already serve the new page). The allocation decides
         * that with the slots free before it, or one fewer once it took its slot (a full area's reclaim_work, which
         * then gives back every such slot of its full clusters, TTRS_ANYWAY): afterwards swap may be less full.
         *
         * @param freeBefore free slots before the allocation
         */
        void dropReclaimed(long freeBefore) {
            for (var it = slots.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                Slot s = e.getValue();
                if (s.page >= 0 && cache.entryOf(s.page) != e.getKey()) {
                    assertEquals(0, s.count, "only a slot nothing but the cache holds is taken back");
                    assertTrue((freeBefore - 1) * 2 < swap.totalPages(), "and only when swap is more than half full");
                    it.remove();
                }
            }
        }

        long usable() {
            return 15 + (extra ? 15 : 0);
        }

        void check() {
            long cached = 0;
            for (var e : slots.entrySet()) {
                long entry = e.getKey();
                Slot s = e.getValue();
                assertEquals(s.count, cache.count(entry), "count of " + Long.toHexString(entry));
                assertEquals(s.page, cache.lookup(entry), "the cache's page of " + Long.toHexString(entry));
                if (s.page >= 0) {
                    cached++;
                    assertEquals(entry, cache.entryOf(s.page));
                    assertTrue((frames.flags(s.page) & PageFlags.OWNER_PRIV_1) != 0, "PG_swapcache");
                    assertEquals(1, frames.refcount(s.page), "the cache's reference alone");
                    assertEquals(s.pageToken, frames.content(s.page));
                    assertEquals(s.dirty, (frames.flags(s.page) & PageFlags.DIRTY) != 0, "dirty until written");
                }
            }
            assertEquals(usable(), swap.totalPages());
            assertEquals(usable() - slots.size(), swap.freePages());
            assertEquals(slots.size(), swap.areas().stream().mapToLong(SwapArea::used).sum());
            assertEquals(cached, swap.cachedPages());
            assertEquals(cached, machine.vmstat().get(VmItem.NR_SWAPCACHED));
            String meminfo = ProcFiles.standard().render("/proc/meminfo", machine, IllegalStateException::new);
            assertTrue(meminfo.contains(String.format("SwapCached:     %8d kB\n", cached * 4)), meminfo);
            assertTrue(meminfo.contains(String.format("SwapTotal:      %8d kB\nSwapFree:       %8d kB\n", usable() * 4,
                    (usable() - slots.size()) * 4)), meminfo);
            var v = machine.vmstat();
            assertEquals(writes, v.get(VmItem.PSWPOUT) + v.get(VmItem.SWPOUT_ZERO));
            assertEquals(reads, v.get(VmItem.PSWPIN) + v.get(VmItem.SWPIN_ZERO));
        }
    }

    /**
     * A new anonymous page holding {@code token}, put in the swap cache: its pfn and entry, or null (the page freed
     * again) when no slot was left.
     */
    private static long[] cachedPage(World w, long token) {
        long pfn = w.allocator.allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        w.frames.setFlags(pfn, PageFlags.SWAPBACKED);
        w.frames.setContent(pfn, token);
        long free = w.swap.freePages();
        long entry = w.cache.addToSwapCache(pfn);
        w.dropReclaimed(free);
        if (entry == 0) {
            w.allocator.freePages(pfn, 0);
            return null;
        }
        assertFalse(w.slots.containsKey(entry), "a slot in use is never handed out again");
        return new long[] {pfn, entry};
    }

    private static Transformer<World> add(long token) {
        return Transformer.mutate("addToSwapCache of a page holding " + token, w -> {
            long[] cached = cachedPage(w, token);
            if (cached == null) {
                assertEquals(w.usable(), w.slots.size(), "0 only when every slot is in use");
                return;
            }
            long pfn = cached[0];
            long entry = cached[1];
            assertNotEquals(0, SwapEntry.offset(entry), "never the header");
            w.frames.putPage(pfn);
            Slot s = new Slot();
            s.page = pfn;
            s.pageToken = token;
            s.dirty = true;
            w.slots.put(entry, s);
            w.resync();
        });
    }

    /** What reclaim does to a page one PTE maps: a slot, the entry in the PTE, the write, the page let go. */
    private static Transformer<World> swapOut(long token) {
        return Transformer.mutate("swap out a page holding " + token, w -> {
            long[] cached = cachedPage(w, token);
            if (cached == null) {
                return;
            }
            long pfn = cached[0];
            long entry = cached[1];
            w.cache.duplicate(entry);
            w.frames.putPage(pfn);
            w.cache.writePage(pfn);
            w.cache.deleteFromSwapCache(pfn);
            assertEquals(0, w.frames.refcount(pfn));
            Slot s = new Slot();
            s.count = 1;
            s.slotToken = token;
            w.slots.put(entry, s);
            w.writes++;
            w.resync();
        });
    }

    private static Transformer<World> duplicate(int index) {
        return Transformer.mutate("duplicate #" + index, w -> {
            var e = w.pick(index, s -> true);
            if (e != null) {
                w.cache.duplicate(e.getKey());
                e.getValue().count++;
            }
        });
    }

    private static Transformer<World> write(int index) {
        return Transformer.mutate("writePage #" + index, w -> {
            var e = w.pick(index, s -> s.page >= 0);
            if (e != null) {
                Slot s = e.getValue();
                w.cache.writePage(s.page);
                s.slotToken = s.pageToken;
                s.dirty = false;
                w.writes++;
            }
        });
    }

    private static Transformer<World> delete(int index) {
        return Transformer.mutate("deleteFromSwapCache #" + index, w -> {
            var e = w.pick(index, s -> s.page >= 0);
            if (e == null) {
                return;
            }
            Slot s = e.getValue();
            if (s.dirty && s.count > 0) {
                long free = w.swap.freePages();
                assertThrows(IllegalStateException.class, () -> w.cache.deleteFromSwapCache(s.page));
                assertEquals(free, w.swap.freePages());
                return;
            }
            long pfn = s.page;
            w.cache.deleteFromSwapCache(pfn);
            assertEquals(0, w.frames.refcount(pfn), "the cache held the last reference");
            s.page = -1;
            if (s.count == 0) {
                w.slots.remove(e.getKey());
            }
        });
    }

    private static Transformer<World> free(int index) {
        return Transformer.mutate("free #" + index, w -> {
            var e = w.pick(index, s -> s.count > 0);
            if (e == null) {
                return;
            }
            Slot s = e.getValue();
            w.cache.free(e.getKey());
            if (--s.count == 0) {
                // The page, mapped by nothing, leaves the cache with the last entry.
                w.slots.remove(e.getKey());
            }
        });
    }

    private static Transformer<World> swapIn(int index) {
        return Transformer.mutate("swapIn #" + index, w -> {
            var e = w.pick(index, s -> s.count > 0 && s.page < 0);
            if (e != null) {
                swapIn(w, e.getKey(), e.getValue());
            }
        });
    }

    /** A swap-in of the next slot after the last one: a sequential pattern, which widens the readahead window. */
    private static Transformer<World> swapInNext() {
        return Transformer.mutate("swapIn of the next slot", w -> {
            for (var e : w.slots.entrySet()) {
                Slot s = e.getValue();
                if (e.getKey() > w.lastIn && s.count > 0 && s.page < 0) {
                    swapIn(w, e.getKey(), s);
                    return;
                }
            }
            w.lastIn = 0;
        });
    }

    private static void swapIn(World w, long entry, Slot s) {
        long pfn = w.cache.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(s.slotToken, w.frames.content(pfn), "what was written is what comes back");
        s.page = pfn;
        s.pageToken = s.slotToken;
        s.dirty = false;
        w.reads++;
        w.lastIn = entry;
        w.resync();
    }

    private static Transformer<World> badFree(int offset) {
        return Transformer.mutate("free of slot " + offset + " if unused", w -> {
            long entry = SwapEntry.of(0, offset);
            if (!w.slots.containsKey(entry)) {
                long free = w.swap.freePages();
                assertThrows(IllegalArgumentException.class, () -> w.cache.free(entry));
                assertThrows(IllegalArgumentException.class, () -> w.cache.duplicate(entry));
                assertEquals(free, w.swap.freePages());
            }
        });
    }

    private static Transformer<World> swapon(int priority) {
        return Transformer.mutate("swapon /extra prio " + priority, w -> {
            if (!w.extra) {
                w.swap.swapon("/extra", 16, priority);
                w.extra = true;
            }
        });
    }

    private static Transformer<World> swapoff() {
        return Transformer.mutate("swapoff /extra", w -> {
            if (!w.extra) {
                return;
            }
            boolean held = false;
            for (var it = w.slots.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                if (SwapEntry.type(e.getKey()) == 1) {
                    if (e.getValue().count > 0) {
                        held = true;
                    } else {
                        it.remove();
                    }
                }
            }
            if (held) {
                assertThrows(IllegalStateException.class, () -> w.swap.swapoff("/extra"));
                assertTrue(w.swap.areas().stream().anyMatch(a -> a.path().equals("/extra")), "the area stays");
            } else {
                w.swap.swapoff("/extra");
                w.extra = false;
            }
        });
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 1000);
        return ActionChain.startWith(World::new)
            .withAction(3, action(Arbitraries.longs().between(0, 50).map(SwapStatefulTest::add)))
            .withAction(4, action(Arbitraries.longs().between(0, 50).map(SwapStatefulTest::swapOut)))
            .withAction(3, action(index.map(SwapStatefulTest::duplicate)))
            .withAction(3, action(index.map(SwapStatefulTest::write)))
            .withAction(3, action(index.map(SwapStatefulTest::delete)))
            .withAction(3, action(index.map(SwapStatefulTest::free)))
            .withAction(2, action(index.map(SwapStatefulTest::swapIn)))
            .withAction(2, action(Arbitraries.just(swapInNext())))
            .withAction(1, action(Arbitraries.integers().between(1, 15).map(SwapStatefulTest::badFree)))
            .withAction(1, action(Arbitraries.integers().between(-1, 3).map(SwapStatefulTest::swapon)))
            .withAction(1, action(Arbitraries.just(swapoff())))
            .withMaxTransformations(60);
    }

    @Property(tries = 40)
    void slotsCountsAndTheSwapCacheFollowTheModelAndAllComeBack(@ForAll("chains") ActionChain<World> chain) {
        World w = chain.withInvariant(World::check).run();
        for (var e : new ArrayList<>(w.slots.entrySet())) {
            Slot s = e.getValue();
            if (s.page >= 0 && (s.count == 0 || !s.dirty)) {
                w.cache.deleteFromSwapCache(s.page);
                s.page = -1;
            }
            for (int i = 0; i < s.count; i++) {
                w.cache.free(e.getKey());
            }
        }
        assertEquals(0, w.swap.cachedPages());
        assertEquals(w.swap.totalPages(), w.swap.freePages(), "every slot free again");
        assertTrue(w.swap.areas().stream().allMatch(a -> a.used() == 0));
        w.allocator.drainAllPages();
        assertEquals(w.bootFree, w.machine.physicalMemory().freePages(), "every page back");
    }
}
