package org.mmsim.reclaim.lru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.fake.FakeFrames;
import org.mmsim.reclaim.fake.FakeZone;

/**
 * The LRU lists under random chains of additions, accesses, activations, deactivations, rotations, mlocks, munlocks,
 * culls, frees, evictions and refaults, on two nodes (node 0 of two zones), beside a plain model: per node, five Java
 * lists, head first, and per page the flags it should have. After every step: each list holds exactly the model's
 * pages in the model's order (walked from the tail), its count and the nr_* / nr_zone_* counters agree with the
 * model, every page with PG_lru is on exactly one list, and the one its flags name; PG_active, PG_unevictable,
 * PG_referenced, PG_mlocked and PG_workingset are what the model says; pgactivate, pgdeactivate, nr_mlock, the
 * unevictable_pgs_* events and the workingset_* refault counters are the model's counts.
 *
 * <p>The model's rules are the kernel's, as the simulator documents them: {@code folio_mark_accessed()} marks an
 * inactive page referenced, and activates it on the second access (an unevictable page, or one off the lists, is left
 * alone); {@code workingset_refault()} activates a refaulting page whose refault distance (the node's evictions and
 * activations since its eviction, modulo 2^24) is at most the workingset: the active file pages, plus the inactive
 * file pages for anon, plus the anon pages of the other kind when there is swap. (The simulator sums the lists of
 * every node there, where Linux takes the eviction's node alone; the model does as the simulator.)
 */
class LruListsStatefulTest {
    static final int FRAMES = 160;
    static final int NODES = 2;
    /** Node 0 spans two zones, node 1 one. */
    static final List<FakeZone> ZONES = List.of(new FakeZone(0, ZoneType.DMA32, 0, 48),
            new FakeZone(0, ZoneType.NORMAL, 48, 48), new FakeZone(1, ZoneType.NORMAL, 96, 64));
    private static final long AGE_MASK = (1L << 24) - 1;

    static int nodeOfPfn(long pfn) {
        return pfn < 96 ? 0 : 1;
    }

    /** What the model knows of one allocated page. */
    static final class Page {
        final long pfn;
        final int node;
        final boolean anon;
        /** The list it is on; null when off the lists. */
        LruList list;
        boolean referenced;
        boolean mlocked;
        boolean workingset;

        Page(long pfn, boolean anon) {
            this.pfn = pfn;
            this.node = nodeOfPfn(pfn);
            this.anon = anon;
        }
    }

    /** A shadow entry eviction left, with what the model expects it to stand for. */
    record Shadow(long value, int node, long age, boolean workingset, boolean file) {
    }

    static LruList inactive(boolean anon) {
        return anon ? LruList.INACTIVE_ANON : LruList.INACTIVE_FILE;
    }

    static LruList active(boolean anon) {
        return anon ? LruList.ACTIVE_ANON : LruList.ACTIVE_FILE;
    }

    static final class World {
        final VmStat vmstat = new VmStat();
        final FakeFrames frames = new FakeFrames(FRAMES);
        long swapPages;
        final Workingset workingset = new Workingset(MachineConfig.builder().nodes(NODES).build(), vmstat);
        final LruLists lru = new LruLists(List.copyOf(ZONES), NODES, frames, vmstat, workingset);

        final Map<Long, Page> pages = new TreeMap<>();
        /** [node][list], head first. */
        final List<List<List<Long>>> lists = new ArrayList<>();
        final long[] age = new long[NODES];
        final List<Shadow> shadows = new ArrayList<>();
        long activations;
        long deactivations;
        long mlockEvents;
        long munlockEvents;
        long rescued;
        long culled;
        /** Indexed by file ? 1 : 0. */
        final long[] refaults = new long[2];
        final long[] refaultActivations = new long[2];
        final long[] restores = new long[2];

        World() {
            workingset.registerSwap(() -> swapPages);
            frames.releaseLruWith(lru::release);
            for (int n = 0; n < NODES; n++) {
                List<List<Long>> node = new ArrayList<>();
                for (int l = 0; l < LruList.values().length; l++) {
                    node.add(new ArrayList<>());
                }
                lists.add(node);
            }
        }

        @Override
        public String toString() {
            return "LRU lists of " + pages.size() + " pages";
        }

        // ---- the model's moves

        private List<Long> modelList(Page p) {
            return lists.get(p.node).get(p.list.ordinal());
        }

        void unlink(Page p) {
            assertTrue(modelList(p).remove(Long.valueOf(p.pfn)));
            p.list = null;
        }

        void link(Page p, LruList list) {
            p.list = list;
            modelList(p).add(0, p.pfn);
        }

        void modelActivate(Page p) {
            if (p.list.isActive() || p.list == LruList.UNEVICTABLE) {
                return;
            }
            unlink(p);
            link(p, active(p.anon));
            activations++;
            age[p.node]++;
        }

        void modelMlock(Page p) {
            if (p.mlocked) {
                return;
            }
            p.mlocked = true;
            mlockEvents++;
            if (p.list != null && p.list != LruList.UNEVICTABLE) {
                unlink(p);
                link(p, LruList.UNEVICTABLE);
            }
        }

        void modelRelease(Page p) {
            if (p.list == null) {
                return;
            }
            unlink(p);
            p.mlocked = false;
            p.referenced = false;
            p.workingset = false;
        }

        long modelPages(LruList list) {
            long sum = 0;
            for (int n = 0; n < NODES; n++) {
                sum += lists.get(n).get(list.ordinal()).size();
            }
            return sum;
        }

        // ---- choosing

        /** The {@code choice}-th free frame (modulo), taken from the allocator; -1 if none is free. */
        long takeFrame(int choice) {
            List<Long> free = new ArrayList<>();
            for (long pfn = 0; pfn < FRAMES; pfn++) {
                if (frames.isFree(pfn)) {
                    free.add(pfn);
                }
            }
            if (free.isEmpty()) {
                return -1;
            }
            long pfn = free.get(choice % free.size());
            assertEquals(pfn, frames.allocIn(pfn, pfn + 1, 0));
            return pfn;
        }

        /** The {@code choice}-th (modulo) page the filter accepts, by pfn; null if none. */
        Page pick(int choice, Predicate<Page> filter) {
            List<Page> some = pages.values().stream().filter(filter).toList();
            return some.isEmpty() ? null : some.get(choice % some.size());
        }

        // ---- the checks; they only read

        void check() {
            long[] buf = new long[FRAMES + 1];
            Set<Long> seen = new HashSet<>();
            for (int n = 0; n < NODES; n++) {
                for (LruList list : LruList.values()) {
                    List<Long> model = lists.get(n).get(list.ordinal());
                    String where = "node " + n + " " + list;
                    assertEquals(model.size(), lru.pages(n, list), where);
                    int got = lru.isolate(n, list, buf.length, ZoneType.DEVICE, buf, new long[ZoneType.values().length]);
                    assertEquals(model.size(), got, where + " walked from its tail");
                    for (int i = 0; i < got; i++) {
                        assertEquals((long) model.get(model.size() - 1 - i), buf[i], where + ", " + i + " from the tail");
                        assertTrue(seen.add(buf[i]), "pfn " + buf[i] + " is on two lists");
                    }
                }
            }
            for (LruList list : LruList.values()) {
                assertEquals(modelPages(list), lru.pages(list), list + " on all nodes");
            }
            assertEquals(modelPages(LruList.INACTIVE_ANON), vmstat.get(VmItem.NR_INACTIVE_ANON));
            assertEquals(modelPages(LruList.ACTIVE_ANON), vmstat.get(VmItem.NR_ACTIVE_ANON));
            assertEquals(modelPages(LruList.INACTIVE_FILE), vmstat.get(VmItem.NR_INACTIVE_FILE));
            assertEquals(modelPages(LruList.ACTIVE_FILE), vmstat.get(VmItem.NR_ACTIVE_FILE));
            assertEquals(modelPages(LruList.UNEVICTABLE), vmstat.get(VmItem.NR_UNEVICTABLE));
            assertEquals(modelPages(LruList.INACTIVE_ANON), vmstat.get(VmItem.NR_ZONE_INACTIVE_ANON));
            assertEquals(modelPages(LruList.ACTIVE_ANON), vmstat.get(VmItem.NR_ZONE_ACTIVE_ANON));
            assertEquals(modelPages(LruList.INACTIVE_FILE), vmstat.get(VmItem.NR_ZONE_INACTIVE_FILE));
            assertEquals(modelPages(LruList.ACTIVE_FILE), vmstat.get(VmItem.NR_ZONE_ACTIVE_FILE));
            assertEquals(modelPages(LruList.UNEVICTABLE), vmstat.get(VmItem.NR_ZONE_UNEVICTABLE));
            long onLists = 0;
            for (long pfn = 0; pfn < FRAMES; pfn++) {
                assertEquals(nodeOfPfn(pfn), lru.nodeOf(pfn), "node of pfn " + pfn);
                Page p = pages.get(pfn);
                int flags = frames.flags(pfn);
                String which = "pfn " + pfn + " (" + PageFlags.describe(flags) + ")";
                if (p == null) {
                    assertTrue(frames.isFree(pfn), which + " is free");
                    assertEquals(0, flags, which);
                    continue;
                }
                boolean on = p.list != null;
                if (on) {
                    onLists++;
                    assertTrue(seen.contains(pfn), which + " is on no list");
                    assertEquals(p.list, lru.listOf(pfn), which);
                } else {
                    assertTrue(!seen.contains(pfn), which + " is on a list");
                }
                assertEquals(on, (flags & PageFlags.LRU) != 0, which + ": PG_lru");
                assertEquals(on && p.list.isActive(), (flags & PageFlags.ACTIVE) != 0, which + ": PG_active");
                assertEquals(p.list == LruList.UNEVICTABLE, (flags & PageFlags.UNEVICTABLE) != 0, which + ": PG_unevictable");
                assertEquals(p.referenced, (flags & PageFlags.REFERENCED) != 0, which + ": PG_referenced");
                assertEquals(p.mlocked, (flags & PageFlags.MLOCKED) != 0, which + ": PG_mlocked");
                assertEquals(p.workingset, (flags & PageFlags.WORKINGSET) != 0, which + ": PG_workingset");
                assertEquals(p.anon, (flags & PageFlags.SWAPBACKED) != 0, which + ": PG_swapbacked");
            }
            assertEquals(onLists, seen.size(), "the lists hold the pages with PG_lru and no others");
            assertEquals(activations, vmstat.get(VmItem.PGACTIVATE), "pgactivate");
            assertEquals(deactivations, vmstat.get(VmItem.PGDEACTIVATE), "pgdeactivate");
            assertEquals(pages.values().stream().filter(p -> p.mlocked).count(), vmstat.get(VmItem.NR_MLOCK), "nr_mlock");
            assertEquals(mlockEvents, vmstat.get(VmItem.UNEVICTABLE_PGS_MLOCKED), "unevictable_pgs_mlocked");
            assertEquals(munlockEvents, vmstat.get(VmItem.UNEVICTABLE_PGS_MUNLOCKED), "unevictable_pgs_munlocked");
            assertEquals(rescued, vmstat.get(VmItem.UNEVICTABLE_PGS_RESCUED), "unevictable_pgs_rescued");
            assertEquals(culled, vmstat.get(VmItem.UNEVICTABLE_PGS_CULLED), "unevictable_pgs_culled");
            assertEquals(refaults[0], vmstat.get(VmItem.WORKINGSET_REFAULT_ANON), "workingset_refault_anon");
            assertEquals(refaults[1], vmstat.get(VmItem.WORKINGSET_REFAULT_FILE), "workingset_refault_file");
            assertEquals(refaultActivations[0], vmstat.get(VmItem.WORKINGSET_ACTIVATE_ANON), "workingset_activate_anon");
            assertEquals(refaultActivations[1], vmstat.get(VmItem.WORKINGSET_ACTIVATE_FILE), "workingset_activate_file");
            assertEquals(restores[0], vmstat.get(VmItem.WORKINGSET_RESTORE_ANON), "workingset_restore_anon");
            assertEquals(restores[1], vmstat.get(VmItem.WORKINGSET_RESTORE_FILE), "workingset_restore_file");
        }
    }

    // ---- the steps, each a change to the lists and the same change to the model

    static Transformer<World> addAnon(int frame, boolean locked) {
        return Transformer.mutate("addAnon frame " + frame + (locked ? " locked" : ""), w -> {
            long pfn = w.takeFrame(frame);
            if (pfn < 0) {
                return;
            }
            w.frames.setFlags(pfn, PageFlags.SWAPBACKED);
            w.lru.addAnon(pfn, locked);
            Page p = new Page(pfn, true);
            w.pages.put(pfn, p);
            w.link(p, LruList.INACTIVE_ANON);
            if (locked) {
                w.modelMlock(p);
            }
        });
    }

    static Transformer<World> addFile(int frame) {
        return Transformer.mutate("addFile frame " + frame, w -> {
            long pfn = w.takeFrame(frame);
            if (pfn < 0) {
                return;
            }
            w.lru.addFile(pfn, 0);
            Page p = new Page(pfn, false);
            w.pages.put(pfn, p);
            w.link(p, LruList.INACTIVE_FILE);
        });
    }

    /** A page off the lists (released, still allocated) is put back: an anon or a file page without a shadow. */
    static Transformer<World> putBack(int page) {
        return Transformer.mutate("putBack page " + page, w -> {
            Page p = w.pick(page, x -> x.list == null);
            if (p == null) {
                return;
            }
            if (p.anon) {
                w.lru.addAnon(p.pfn, false);
            } else {
                w.lru.addFile(p.pfn, 0);
            }
            p.referenced = false;
            w.link(p, inactive(p.anon));
        });
    }

    static Transformer<World> markAccessed(int page) {
        return Transformer.mutate("markAccessed page " + page, w -> {
            Page p = w.pick(page, x -> true);
            if (p == null) {
                return;
            }
            w.lru.markAccessed(p.pfn);
            if (p.list == null || p.list == LruList.UNEVICTABLE) {
                return;
            }
            if (!p.list.isActive() && p.referenced) {
                p.referenced = false;
                w.modelActivate(p);
            } else if (!p.referenced) {
                p.referenced = true;
            }
        });
    }

    static Transformer<World> activate(int page) {
        return Transformer.mutate("activate page " + page, w -> {
            Page p = w.pick(page, x -> x.list != null);
            if (p != null) {
                w.lru.activate(p.pfn);
                w.modelActivate(p);
            }
        });
    }

    static Transformer<World> deactivate(int page) {
        return Transformer.mutate("deactivate page " + page, w -> {
            Page p = w.pick(page, x -> x.list != null && x.list.isActive());
            if (p != null) {
                w.lru.deactivate(p.pfn);
                w.unlink(p);
                w.link(p, inactive(p.anon));
                p.workingset = true;
                w.deactivations++;
            }
        });
    }

    static Transformer<World> rotate(int page) {
        return Transformer.mutate("rotate page " + page, w -> {
            Page p = w.pick(page, x -> x.list != null);
            if (p != null) {
                w.lru.rotate(p.pfn);
                LruList list = p.list;
                w.unlink(p);
                w.link(p, list);
            }
        });
    }

    static Transformer<World> mlock(int page) {
        return Transformer.mutate("mlock page " + page, w -> {
            Page p = w.pick(page, x -> x.list != null);
            if (p != null) {
                w.lru.mlock(p.pfn);
                w.modelMlock(p);
            }
        });
    }

    static Transformer<World> munlock(int page) {
        return Transformer.mutate("munlock page " + page, w -> {
            Page p = w.pick(page, x -> true);
            if (p == null) {
                return;
            }
            w.lru.munlock(p.pfn);
            if (!p.mlocked) {
                return;
            }
            p.mlocked = false;
            w.munlockEvents++;
            if (p.list == LruList.UNEVICTABLE) {
                w.unlink(p);
                w.link(p, inactive(p.anon));
                w.rescued++;
            }
        });
    }

    static Transformer<World> cull(int page) {
        return Transformer.mutate("cull page " + page, w -> {
            Page p = w.pick(page, x -> x.list != null && x.list != LruList.UNEVICTABLE);
            if (p != null) {
                w.lru.cull(p.pfn);
                w.unlink(p);
                w.link(p, LruList.UNEVICTABLE);
                w.culled++;
            }
        });
    }

    /** The page leaves the lists and stays allocated (the first half of a free, or an isolation). */
    static Transformer<World> release(int page) {
        return Transformer.mutate("release page " + page, w -> {
            Page p = w.pick(page, x -> true);
            if (p != null) {
                w.lru.release(p.pfn);
                w.modelRelease(p);
            }
        });
    }

    /** The last reference goes: the frame is freed, leaving its list on the way. */
    static Transformer<World> free(int page) {
        return Transformer.mutate("free page " + page, w -> {
            Page p = w.pick(page, x -> true);
            if (p != null) {
                assertTrue(w.frames.putPage(p.pfn));
                w.modelRelease(p);
                w.pages.remove(p.pfn);
            }
        });
    }

    /** Reclaim evicts an evictable page: the node's workingset clock gives it a shadow, then it is freed. */
    static Transformer<World> evict(int page) {
        return Transformer.mutate("evict page " + page, w -> {
            Page p = w.pick(page, x -> x.list != null && x.list != LruList.UNEVICTABLE);
            if (p == null) {
                return;
            }
            long shadow = w.workingset.eviction(p.node, (w.frames.flags(p.pfn) & PageFlags.WORKINGSET) != 0);
            assertTrue(shadow > 0 && shadow <= Integer.MAX_VALUE, "a shadow fits a positive int: " + shadow);
            w.shadows.add(new Shadow(shadow, p.node, w.age[p.node] & AGE_MASK, p.workingset, !p.anon));
            w.age[p.node]++;
            assertTrue(w.frames.putPage(p.pfn));
            w.modelRelease(p);
            w.pages.remove(p.pfn);
        });
    }

    /** An evicted page comes back into a free frame, maybe on the other node, with its shadow. */
    static Transformer<World> refault(int shadow, int frame) {
        return Transformer.mutate("refault shadow " + shadow + " into frame " + frame, w -> {
            if (w.shadows.isEmpty()) {
                return;
            }
            long pfn = w.takeFrame(frame);
            if (pfn < 0) {
                return;
            }
            Shadow s = w.shadows.remove(shadow % w.shadows.size());
            Page p = new Page(pfn, !s.file());
            // workingset_test_recent(), on the model's lists before the page joins them.
            long size = w.modelPages(LruList.ACTIVE_FILE);
            if (!s.file()) {
                size += w.modelPages(LruList.INACTIVE_FILE);
            }
            if (w.swapPages > 0) {
                size += w.modelPages(LruList.ACTIVE_ANON);
                if (s.file()) {
                    size += w.modelPages(LruList.INACTIVE_ANON);
                }
            }
            long distance = ((w.age[s.node()] & AGE_MASK) - s.age()) & AGE_MASK;
            if (s.file()) {
                w.lru.addFile(pfn, s.value());
            } else {
                w.frames.setFlags(pfn, PageFlags.SWAPBACKED);
                w.lru.addSwapIn(pfn, s.value());
            }
            int type = s.file() ? 1 : 0;
            w.refaults[type]++;
            w.pages.put(pfn, p);
            if (distance > size) {
                w.link(p, inactive(p.anon));
                return;
            }
            w.refaultActivations[type]++;
            w.age[p.node]++;
            w.link(p, active(p.anon));
            if (s.workingset()) {
                w.restores[type]++;
                p.workingset = true;
            }
        });
    }

    static Transformer<World> swap(boolean on) {
        return Transformer.mutate(on ? "swapon" : "swapoff", w -> w.swapPages = on ? 64 : 0);
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 999);
        return ActionChain.startWith(World::new)
                .withAction(4, action(Combinators.combine(choice, Arbitraries.of(false, false, false, true))
                        .as(LruListsStatefulTest::addAnon)))
                .withAction(4, action(choice.map(LruListsStatefulTest::addFile)))
                .withAction(6, action(choice.map(LruListsStatefulTest::markAccessed)))
                .withAction(2, action(choice.map(LruListsStatefulTest::activate)))
                .withAction(2, action(choice.map(LruListsStatefulTest::deactivate)))
                .withAction(2, action(choice.map(LruListsStatefulTest::rotate)))
                .withAction(2, action(choice.map(LruListsStatefulTest::mlock)))
                .withAction(2, action(choice.map(LruListsStatefulTest::munlock)))
                .withAction(1, action(choice.map(LruListsStatefulTest::cull)))
                .withAction(1, action(choice.map(LruListsStatefulTest::release)))
                .withAction(1, action(choice.map(LruListsStatefulTest::putBack)))
                .withAction(2, action(choice.map(LruListsStatefulTest::free)))
                .withAction(3, action(choice.map(LruListsStatefulTest::evict)))
                .withAction(3, action(Combinators.combine(choice, choice).as(LruListsStatefulTest::refault)))
                .withAction(1, action(Arbitraries.of(true, false).map(LruListsStatefulTest::swap)))
                .withMaxTransformations(60);
    }

    @Property(tries = 80)
    void theListsMatchTheirModel(@ForAll("chains") ActionChain<World> chain) {
        World w = chain.withInvariant("lists, flags and counters as the model's", World::check).run();
        // Freeing every page empties every list and every counter of pages on them.
        for (Page p : new ArrayList<>(w.pages.values())) {
            w.frames.putPage(p.pfn);
            w.modelRelease(p);
            w.pages.remove(p.pfn);
        }
        w.check();
        for (LruList list : LruList.values()) {
            assertEquals(0, w.lru.pages(list), list + " after every page is freed");
        }
        assertEquals(0, w.vmstat.get(VmItem.NR_MLOCK));
    }
}
