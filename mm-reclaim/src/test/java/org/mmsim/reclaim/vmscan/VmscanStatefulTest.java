package org.mmsim.reclaim.vmscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.reclaim.fake.FakeMemory;
import org.mmsim.reclaim.fake.FakeRmap;

/**
 * Reclaim under random chains of page faults (anonymous pages mapped up to three times, some in locked VMAs; file
 * pages clean or dirty, mapped or not), accesses, pins, writeback completions, swappiness changes, node reclaim
 * (direct with GFP_KERNEL, GFP_NOFS or GFP_NOIO, kswapd, kswapd without writing, each up to ZONE_DMA32 or
 * ZONE_NORMAL), reclaim of single pages, swap-ins and exits, on two nodes (node 0 with a ZONE_DMA32 below its
 * ZONE_NORMAL) with a small swap area. A plain model of the processes' pages (where each is: mapped at a frame, or
 * in swap behind its page-table entries; its content; locked; pinned) runs beside the real lists. After every step:
 * no locked page, no pinned page and no mapped page was freed (the fake frames refuse to free a mapped one; the model
 * watches every free), each kept page holds its content, locked pages stay on the unevictable list, each swap entry's
 * count is the page-table entries holding it, every page with PG_lru is counted on a list and in its zone's share,
 * and the counters agree: what a reclaim call returns is what pgsteal grew by, the frames it freed and its
 * scan_control's nr_reclaimed; pgscan and pgsteal by kswapd/direct add up to the same as by anon/file, and nothing is
 * stolen that was not scanned. A reclaim frees no page of a zone above its reclaim_idx (but those only the swap cache
 * held, which a slot allocation may free), skips nothing up to Normal, writes no file page without may_writepage and
 * __GFP_FS, reclaims no anon page without may_swap and writes nothing to swap without __GFP_IO. At the end every page in swap is read back with the
 * content it was written with.
 */
class VmscanStatefulTest {
    static final int NODES = 2;
    static final int FRAMES_PER_NODE = 96;
    /** Node 0's ZONE_DMA32, below its ZONE_NORMAL; node 1 has only ZONE_NORMAL. */
    static final int DMA32_FRAMES = 32;

    /**
     * Who reclaims and how: direct reclaim for an allocation of {@code gfp} up to {@code reclaimIdx}, or kswapd up to
     * it, writing nothing when it reclaims for a watermark boost.
     */
    record Scan(boolean kswapd, ZoneType reclaimIdx, int gfp, boolean boosting) {
        ScanControl control(long pages) {
            return kswapd ? ScanControl.balancePgdat(pages, reclaimIdx, boosting)
                    : ScanControl.tryToFreePages(pages, gfp, reclaimIdx);
        }

        @Override
        public String toString() {
            return (kswapd ? "kswapd" + (boosting ? " boosting" : "") : "direct " + (gfp == Gfp.GFP_KERNEL ? "GFP_KERNEL"
                    : gfp == Gfp.GFP_NOFS ? "GFP_NOFS" : "GFP_NOIO")) + " up to " + reclaimIdx;
        }
    }

    static final Scan DIRECT = new Scan(false, ZoneType.NORMAL, Gfp.GFP_KERNEL, false);

    /** A page of a process, as the model sees it. */
    static final class Page {
        final boolean anon;
        /** Where its processes map it (anon; its swap PTEs are found by it), or its inode (file). */
        final long vaddr;
        final long token;
        final int maps;
        final boolean locked;
        /** The frame it is mapped at or cached in; -1 when it is only in swap (anon) or evicted (file). */
        long pfn;
        /** Whether page tables map it now (an anon page in swap is not mapped; an evicted file page is not). */
        boolean mapped;
        /** The frame a pin holds, or -1: pinned pages are never freed. */
        long pinned = -1;

        Page(boolean anon, long pfn, long vaddr, long token, int maps, boolean locked) {
            this.anon = anon;
            this.pfn = pfn;
            this.vaddr = vaddr;
            this.token = token;
            this.maps = maps;
            this.locked = locked;
            this.mapped = maps > 0;
        }

        @Override
        public String toString() {
            return (anon ? "anon page at " : "file page ") + Long.toHexString(vaddr);
        }
    }

    static final class World {
        final Rig r = new Rig(FakeMemory.withDma32(NODES, FRAMES_PER_NODE, DMA32_FRAMES), NODES, FRAMES_PER_NODE, 48);
        final List<Page> pages = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        long reclaimed;
        /** While a reclaim runs: the highest zone it may free pages of, and the pages it may free beside them. */
        ZoneType freeLimit;
        java.util.Set<Long> mayFreeAnyway = java.util.Set.of();

        /** Watches every free; freeing a page page tables still map is refused by the fake frames themselves. */
        World() {
            r.frames.onFree(pfn -> {
                if (freeLimit != null && r.lru.zones().type(r.lru.zones().zoneOf(pfn)).compareTo(freeLimit) > 0
                        && !mayFreeAnyway.contains(pfn)) {
                    violations.add("reclaim up to " + freeLimit + " freed pfn " + pfn + " of a higher zone");
                }
                for (Page p : pages) {
                    if (p.pinned == pfn) {
                        violations.add("pinned pfn " + pfn + " was freed");
                    }
                    if (p.pfn == pfn && p.locked) {
                        violations.add("locked pfn " + pfn + " was freed");
                    }
                }
            });
        }

        @Override
        public String toString() {
            return pages.size() + " pages";
        }

        Page pick(int choice, Predicate<Page> filter) {
            List<Page> some = pages.stream().filter(filter).toList();
            return some.isEmpty() ? null : some.get(choice % some.size());
        }

        List<FakeRmap.SwapPte> swapPtes(Page p) {
            return r.rmap.swapPtes.stream().filter(s -> s.vaddr() == p.vaddr).toList();
        }

        /**
         * After reclaim ran: pages it unmapped are in swap now (anon) or only in the page cache (file), and file
         * pages it evicted are gone from memory.
         */
        void observeReclaim() {
            for (Page p : pages) {
                if (p.pfn < 0) {
                    continue;
                }
                if (p.mapped && r.rmap.ptes(p.pfn).isEmpty()) {
                    p.mapped = false;
                    if (p.anon) {
                        assertEquals(p.maps, swapPtes(p).size(), "each entry of an unmapped anon page holds its slot");
                        p.pfn = -1;
                    }
                }
                if (!p.anon && !p.mapped && p.pfn >= 0 && !r.cache.contains(p.pfn)) {
                    p.pfn = -1;
                }
            }
        }

        /**
         * The fault that brings an anon page back from swap, as do_swap_page() does: the swap cache's page, or one
         * read in; each page-table entry then maps it and lets its slot go.
         *
         * @return false if there was no memory for it
         */
        boolean faultIn(Page p) {
            List<FakeRmap.SwapPte> held = swapPtes(p);
            long entry = held.get(0).entry();
            long pfn = r.swap.lookup(entry);
            if (pfn < 0) {
                pfn = r.swap.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
                if (pfn < 0) {
                    return false;
                }
            }
            assertEquals(p.token, r.frames.content(pfn), "read back from swap");
            for (FakeRmap.SwapPte pte : held) {
                r.rmap.map(pfn, pte.pid(), pte.vaddr(), true, false, true);
                r.rmap.dropSwapPte(pte);
                r.swap.free(entry);
            }
            p.pfn = pfn;
            p.mapped = true;
            return true;
        }

        /** Pages only the swap cache holds (no entry, no mapping): freeing them is not reclaim's doing. */
        long swapCacheOnly() {
            return swapCacheOnlyPages().size();
        }

        java.util.Set<Long> swapCacheOnlyPages() {
            java.util.Set<Long> only = new java.util.HashSet<>();
            for (long pfn = 0; pfn < r.frames.frames(); pfn++) {
                long entry = r.frames.isFree(pfn) ? 0 : r.swap.entryOf(pfn);
                if (entry != 0 && r.frames.mapcount(pfn) == 0 && r.swap.count(entry) == 0) {
                    only.add(pfn);
                }
            }
            return only;
        }

        long stolen() {
            return r.vmstat.get(VmItem.PGSTEAL_DIRECT) + r.vmstat.get(VmItem.PGSTEAL_KSWAPD);
        }

        // ---- the checks; they only read

        void check() {
            assertEquals(List.of(), violations);
            var v = r.vmstat;
            long scanned = v.get(VmItem.PGSCAN_DIRECT) + v.get(VmItem.PGSCAN_KSWAPD);
            assertEquals(scanned, v.get(VmItem.PGSCAN_ANON) + v.get(VmItem.PGSCAN_FILE), "pgscan by who and by type");
            assertEquals(stolen(), v.get(VmItem.PGSTEAL_ANON) + v.get(VmItem.PGSTEAL_FILE), "pgsteal by who and by type");
            assertTrue(v.get(VmItem.PGSTEAL_ANON) <= v.get(VmItem.PGSCAN_ANON), "anon stolen, not scanned");
            assertTrue(v.get(VmItem.PGSTEAL_FILE) <= v.get(VmItem.PGSCAN_FILE), "file stolen, not scanned");
            assertTrue(v.get(VmItem.PGSTEAL_DIRECT) <= v.get(VmItem.PGSCAN_DIRECT));
            assertTrue(v.get(VmItem.PGSTEAL_KSWAPD) <= v.get(VmItem.PGSCAN_KSWAPD));
            assertEquals(reclaimed, stolen(), "pgsteal is what the reclaim calls returned");
            long flagged = 0;
            for (long pfn = 0; pfn < r.frames.frames(); pfn++) {
                if ((r.frames.flags(pfn) & PageFlags.LRU) != 0) {
                    flagged++;
                }
            }
            long listed = 0;
            for (LruList list : LruList.values()) {
                listed += r.lru.pages(list);
            }
            assertEquals(flagged, listed, "every page with PG_lru is on a list");
            assertEquals(r.lru.pages(LruList.INACTIVE_ANON), v.get(VmItem.NR_INACTIVE_ANON));
            assertEquals(r.lru.pages(LruList.INACTIVE_FILE), v.get(VmItem.NR_INACTIVE_FILE));
            assertEquals(r.lru.pages(LruList.ACTIVE_ANON), v.get(VmItem.NR_ACTIVE_ANON));
            assertEquals(r.lru.pages(LruList.ACTIVE_FILE), v.get(VmItem.NR_ACTIVE_FILE));
            // Each zone's share of the lists is the pages of that zone on them, and the node's lists are their sum.
            long[] zoneLists = new long[r.lru.zones().count() * LruList.values().length];
            for (long pfn = 0; pfn < r.frames.frames(); pfn++) {
                if ((r.frames.flags(pfn) & PageFlags.LRU) != 0) {
                    zoneLists[r.lru.zones().zoneOf(pfn) * LruList.values().length + r.lru.listOf(pfn).ordinal()]++;
                }
            }
            for (LruList list : LruList.values()) {
                long[] nodeSum = new long[NODES];
                for (int z = 0; z < r.lru.zones().count(); z++) {
                    long pages = r.lru.zonePages(z, list);
                    assertEquals(zoneLists[z * LruList.values().length + list.ordinal()], pages, "zone " + z + " " + list);
                    nodeSum[r.memory.zones().get(z).node()] += pages;
                }
                for (int n = 0; n < NODES; n++) {
                    assertEquals(r.lru.pages(n, list), nodeSum[n], "node " + n + " " + list + " is its zones' sum");
                }
            }
            assertEquals(0, v.get(VmItem.PGSKIP_DMA32), "no zone above DMA32 but Normal, whose pages are pgskip_normal");
            assertEquals(r.lru.pages(LruList.UNEVICTABLE), v.get(VmItem.NR_UNEVICTABLE));
            assertEquals(pages.stream().filter(p -> p.locked).count(), v.get(VmItem.NR_MLOCK));
            for (Page p : pages) {
                String which = p.toString();
                if (p.locked) {
                    assertTrue(p.pfn >= 0 && p.mapped, which + " is locked: it stays mapped");
                    assertEquals(LruList.UNEVICTABLE, r.lru.listOf(p.pfn), which);
                    assertTrue((r.frames.flags(p.pfn) & PageFlags.MLOCKED) != 0, which);
                }
                if (p.pinned >= 0) {
                    assertFalse(r.frames.isFree(p.pinned), which + " is pinned");
                    assertEquals(p.token, r.frames.content(p.pinned), which + " is pinned: its content stays");
                }
                if (p.pfn >= 0) {
                    assertFalse(r.frames.isFree(p.pfn), which);
                    assertEquals(p.token, r.frames.content(p.pfn), which + ": content");
                    if (p.mapped) {
                        assertEquals(p.maps, r.frames.mapcount(p.pfn), which + ": map count");
                        assertEquals(p.maps, r.rmap.ptes(p.pfn).size(), which + ": entries");
                    }
                } else if (p.anon) {
                    List<FakeRmap.SwapPte> held = swapPtes(p);
                    assertEquals(p.maps, held.size(), which + ": swap entries in its page tables");
                    assertEquals(p.maps, r.swap.count(held.get(0).entry()), which + ": swap count");
                }
            }
        }
    }

    // ---- the steps

    static Transformer<World> newAnon(int node, int count, int maps, boolean young, boolean locked) {
        return Transformer.mutate(count + " x anon on node " + node + " mapped " + maps + (young ? " young" : "")
                + (locked ? " locked" : ""), w -> {
            for (int i = 0; i < count; i++) {
                long pfn = w.r.frames.allocIn((long) node * FRAMES_PER_NODE, (long) (node + 1) * FRAMES_PER_NODE, 0);
                if (pfn < 0) {
                    return;
                }
                w.r.anon(pfn, maps, young, locked);
                long vaddr = w.r.rmap.ptes(pfn).get(0).vaddr;
                w.pages.add(new Page(true, pfn, vaddr, w.r.frames.content(pfn), maps, locked));
            }
        });
    }

    static Transformer<World> newFile(int node, int count, int maps, boolean young, boolean dirty) {
        return Transformer.mutate(count + " x file on node " + node + " mapped " + maps + (young ? " young" : "")
                + (dirty ? " dirty" : ""), w -> {
            for (int i = 0; i < count; i++) {
                long pfn = w.r.frames.allocIn((long) node * FRAMES_PER_NODE, (long) (node + 1) * FRAMES_PER_NODE, 0);
                if (pfn < 0) {
                    return;
                }
                w.r.file(pfn, dirty, maps, young);
                // A file page is named by its inode (each page a file of its own here).
                w.pages.add(new Page(false, pfn, w.r.frames.mapping(pfn), w.r.frames.content(pfn), maps, false));
            }
        });
    }

    static Transformer<World> touch(int choice) {
        return Transformer.mutate("touch " + choice, w -> {
            Page p = w.pick(choice, x -> x.pfn >= 0 && x.mapped);
            if (p != null) {
                w.r.rmap.touch(p.pfn);
            }
        });
    }

    static Transformer<World> markAccessed(int choice) {
        return Transformer.mutate("markAccessed " + choice, w -> {
            Page p = w.pick(choice, x -> x.pfn >= 0);
            if (p != null) {
                w.r.lru.markAccessed(p.pfn);
            }
        });
    }

    static Transformer<World> pin(int choice) {
        return Transformer.mutate("pin " + choice, w -> {
            Page p = w.pick(choice, x -> x.pfn >= 0 && x.pinned < 0);
            if (p != null) {
                w.r.frames.getPage(p.pfn);
                p.pinned = p.pfn;
            }
        });
    }

    static Transformer<World> unpin(int choice) {
        return Transformer.mutate("unpin " + choice, w -> {
            Page p = w.pick(choice, x -> x.pinned >= 0);
            if (p != null) {
                long pfn = p.pinned;
                p.pinned = -1;
                w.r.frames.putPage(pfn);
            }
        });
    }

    static Transformer<World> endWriteback() {
        return Transformer.mutate("end writeback", w -> {
            for (long pfn = 0; pfn < w.r.frames.frames(); pfn++) {
                if (!w.r.frames.isFree(pfn) && (w.r.frames.flags(pfn) & PageFlags.WRITEBACK) != 0) {
                    w.r.cache.endWriteback(pfn);
                }
            }
        });
    }

    static Transformer<World> reclaim(int node, long pages, Scan scan) {
        return Transformer.mutate(scan + " reclaim " + pages + " on node " + node, w -> {
            long frees = w.r.frames.frees();
            long stolen = w.stolen();
            long scanned = w.r.vmstat.get(VmItem.PGSCAN_DIRECT) + w.r.vmstat.get(VmItem.PGSCAN_KSWAPD);
            long skipped = w.r.vmstat.get(VmItem.PGSKIP_NORMAL);
            long writes = w.r.cache.writes();
            int swapPtes = w.r.rmap.swapPtes.size();
            long swapWrites = w.r.vmstat.get(VmItem.PSWPOUT) + w.r.vmstat.get(VmItem.SWPOUT_ZERO);
            w.mayFreeAnyway = w.swapCacheOnlyPages();
            long cacheOnly = w.mayFreeAnyway.size();
            w.freeLimit = scan.reclaimIdx();
            ScanControl sc = scan.control(pages);
            long got;
            try {
                got = w.r.vmscan.shrinkNode(node, sc);
            } finally {
                w.freeLimit = null;
            }
            w.reclaimed += got;
            assertEquals(got, sc.nrReclaimed, "scan_control's nr_reclaimed");
            long nowScanned = w.r.vmstat.get(VmItem.PGSCAN_DIRECT) + w.r.vmstat.get(VmItem.PGSCAN_KSWAPD);
            assertEquals(nowScanned - scanned, sc.nrScanned, "scan_control's nr_scanned is what pgscan grew by");
            if (!w.r.lru.zones().hasEligibleZone(node, scan.reclaimIdx())) {
                assertEquals(0, sc.nrScanned, "a node with no zone up to reclaim_idx is not scanned");
            }
            if (scan.reclaimIdx() == ZoneType.NORMAL) {
                assertEquals(skipped, w.r.vmstat.get(VmItem.PGSKIP_NORMAL), "nothing to skip up to Normal");
            }
            if (scan.boosting() || scan.gfp() != Gfp.GFP_KERNEL) {
                assertEquals(writes, w.r.cache.writes(), "no file page written without may_writepage or __GFP_FS");
            }
            if (scan.boosting()) {
                assertEquals(swapPtes, w.r.rmap.swapPtes.size(), "no anon page reclaimed without may_swap");
            }
            if (scan.gfp() == Gfp.GFP_NOIO) {
                // A page with a clean copy in the swap cache may still go: it needs no I/O.
                assertEquals(swapWrites, w.r.vmstat.get(VmItem.PSWPOUT) + w.r.vmstat.get(VmItem.SWPOUT_ZERO),
                        "nothing written to swap without __GFP_IO");
            }
            assertEquals(got, w.stolen() - stolen, "pgsteal grew by what reclaim returned");
            long freed = w.r.frames.frees() - frees;
            // A slot allocation may also free pages only the swap cache held (swap more than half full).
            assertTrue(freed >= got && freed <= got + cacheOnly, "reclaim freed " + freed + " frames and returned " + got);
            w.observeReclaim();
        });
    }

    static Transformer<World> reclaimPage(int choice) {
        return Transformer.mutate("reclaimPage " + choice, w -> {
            Page p = w.pick(choice, x -> x.pfn >= 0);
            if (p == null) {
                return;
            }
            long frees = w.r.frames.frees();
            long cacheOnly = w.swapCacheOnly();
            boolean got = w.r.vmscan.reclaimPage(p.pfn);
            w.reclaimed += got ? 1 : 0;
            long freed = w.r.frames.frees() - frees;
            assertTrue(freed >= (got ? 1 : 0) && freed <= (got ? 1 : 0) + cacheOnly, "freed " + freed + ", returned " + got);
            w.observeReclaim();
        });
    }

    static Transformer<World> swappiness(int value) {
        return Transformer.mutate("swappiness " + value, w -> w.r.vmscan.setSwappiness(value));
    }

    /** A fault on an anon page in swap: from the swap cache, or read in; each entry then maps it and frees its slot. */
    static Transformer<World> faultIn(int choice) {
        return Transformer.mutate("fault in " + choice, w -> {
            Page p = w.pick(choice, x -> x.anon && x.pfn < 0);
            if (p != null) {
                w.faultIn(p);
            }
        });
    }

    /** A process exits: an anon page's entries go (its frame or its slots freed); a file page's mappings go. */
    static Transformer<World> exit(int choice) {
        return Transformer.mutate("exit " + choice, w -> {
            Page p = w.pick(choice, x -> true);
            if (p == null) {
                return;
            }
            if (p.pinned >= 0) {
                long pfn = p.pinned;
                p.pinned = -1;
                w.r.frames.putPage(pfn);
            }
            if (p.locked) {
                w.r.lru.munlock(p.pfn);
            }
            if (p.mapped) {
                long pfn = p.pfn;
                p.mapped = false;
                p.pfn = -1;
                for (int i = 0; i < p.maps; i++) {
                    w.r.rmap.unmapOne(pfn);
                }
            } else if (p.anon) {
                for (FakeRmap.SwapPte pte : w.swapPtes(p)) {
                    w.r.rmap.dropSwapPte(pte);
                    w.r.swap.free(pte.entry());
                }
            }
            w.pages.remove(p);
        });
    }

    private static Action.Independent<World> action(Arbitrary<Transformer<World>> transformers) {
        return () -> transformers;
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 999);
        Arbitrary<Integer> node = Arbitraries.integers().between(0, NODES - 1);
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 24);
        Arbitrary<Boolean> coin = Arbitraries.of(false, true);
        return ActionChain.startWith(World::new)
                .withAction(4, action(Combinators.combine(node, count, Arbitraries.integers().between(1, 3), coin,
                        Arbitraries.of(false, false, false, true)).as(VmscanStatefulTest::newAnon)))
                .withAction(3, action(Combinators.combine(node, count, Arbitraries.integers().between(0, 2), coin, coin)
                        .as(VmscanStatefulTest::newFile)))
                .withAction(3, action(choice.map(VmscanStatefulTest::touch)))
                .withAction(2, action(choice.map(VmscanStatefulTest::markAccessed)))
                .withAction(1, action(choice.map(VmscanStatefulTest::pin)))
                .withAction(1, action(choice.map(VmscanStatefulTest::unpin)))
                .withAction(1, action(Arbitraries.just(endWriteback())))
                .withAction(5, action(Combinators.combine(node, Arbitraries.longs().between(1, 128), scans())
                        .as(VmscanStatefulTest::reclaim)))
                .withAction(2, action(choice.map(VmscanStatefulTest::reclaimPage)))
                .withAction(1, action(Arbitraries.of(0, 1, 60, 100, 140, 200).map(VmscanStatefulTest::swappiness)))
                .withAction(2, action(choice.map(VmscanStatefulTest::faultIn)))
                .withAction(2, action(choice.map(VmscanStatefulTest::exit)))
                .withMaxTransformations(40);
    }

    /** Direct reclaim with each GFP context and kswapd with and without a boost, each up to DMA32 or Normal. */
    static Arbitrary<Scan> scans() {
        Arbitrary<ZoneType> idx = Arbitraries.of(ZoneType.DMA32, ZoneType.NORMAL, ZoneType.NORMAL);
        Arbitrary<Scan> direct = Combinators.combine(idx, Arbitraries.of(Gfp.GFP_KERNEL, Gfp.GFP_KERNEL, Gfp.GFP_NOFS,
                Gfp.GFP_NOIO)).as((z, gfp) -> new Scan(false, z, gfp, false));
        Arbitrary<Scan> kswapd = Combinators.combine(idx, Arbitraries.of(false, false, true))
                .as((z, boosting) -> new Scan(true, z, Gfp.GFP_KERNEL, boosting));
        return Arbitraries.oneOf(direct, kswapd);
    }

    @Property(tries = 60)
    void reclaimFreesOnlyWhatItMayAndLosesNothing(@ForAll("chains") ActionChain<World> chain) {
        World w = chain.withInvariant("reclaim's rules and counters", World::check).run();
        // Everything in memory goes (the page cache's clean pages too), then every page in swap is read back.
        for (Page p : new ArrayList<>(w.pages)) {
            if (p.pfn >= 0 || !p.anon) {
                exit(w.pages.indexOf(p)).apply(w);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            endWriteback().apply(w);
            for (int n = 0; n < NODES; n++) {
                reclaim(n, Long.MAX_VALUE, DIRECT).apply(w);
            }
        }
        for (Page p : new ArrayList<>(w.pages)) {
            assertTrue(w.faultIn(p), "memory for every page in swap");
        }
        w.check();
    }

    /** Found by the property above: a page exited while its swap-cache copy was being faulted back in. */
    @Example
    void aPageExitedBeforeItsSwapCacheCopyIsFaultedInIsNotSwappedAgain() {
        World w = new World();
        List<Transformer<World>> steps = List.of(newAnon(0, 2, 1, false, false), newAnon(1, 7, 1, false, false),
                reclaim(1, 1, DIRECT), newAnon(0, 22, 1, false, false), touch(0), swappiness(1), faultIn(0),
                reclaim(0, 1, DIRECT), exit(2), newAnon(0, 18, 1, false, false), faultIn(0), touch(2),
                reclaim(0, 18, DIRECT));
        for (Transformer<World> step : steps) {
            w = step.apply(w);
            w.check();
        }
    }
}
