package org.mmsim.kalloc.slub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.stat.VmItem;

/**
 * The slab allocator under random chains of cache creations, allocations, frees, kmallocs, shrinks and CPU
 * switches, checked after every step against a model of the live objects: no object is handed out twice, objects
 * never overlap and lie inside one slab's pages, each cache's counts match the model and each other, the slab pages
 * are exactly what the page allocator lent and what vmstat counts, and kmalloc's class is the smallest that fits;
 * freeing everything and shrinking leaves every cache empty and gives every page back.
 */
class SlubStatefulTest {
    private static final int[] GFPS = {Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE,
        Gfp.GFP_KERNEL | Gfp.GFP_DMA, Gfp.GFP_KERNEL_ACCOUNT, Gfp.GFP_KERNEL | Gfp.__GFP_ZERO};
    private static final int[] CLASSES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

    static final class Model {
        final Machines m = new Machines(1 << 13, 2, "");
        final SlubAllocator slab = m.slab;
        /** Live objects: address to the handle they came from (-1 for kmalloc). */
        final TreeMap<Long, Integer> live = new TreeMap<>();
        final Map<Long, Long> sizes = new HashMap<>();
        /** The cache each live object is in, by name; absent for large kmallocs. */
        final Map<Long, String> cacheOf = new HashMap<>();
        final List<Integer> handles = new ArrayList<>();
        int created;

        void create(int size, int flags) {
            handles.add(slab.kmemCacheCreate("cache" + created++, size, 0, flags));
        }

        void alloc(int handle) {
            long a = slab.kmemCacheAlloc(handle, Gfp.GFP_KERNEL);
            if (a != 0) {
                assertTrue(live.put(a, handle) == null, "an object handed out twice");
                sizes.put(a, (long) slab.objectSize(handle));
                cacheOf.put(a, slab.cacheName(handle));
            }
        }

        void kmalloc(long size, int gfp) {
            long a = slab.kmalloc(size, gfp);
            if (a == 0) {
                return;
            }
            assertTrue(live.put(a, -1) == null, "an object handed out twice");
            long room = slab.ksize(a);
            sizes.put(a, room);
            if (size <= 8192) {
                cacheOf.put(a, slab.cacheName(slab.kmallocCache(size, gfp)));
            }
            assertTrue(room >= size);
            if (size <= 8192) {
                for (int c : CLASSES) {
                    if (c >= size) {
                        assertEquals(c, room, "the smallest class that fits " + size);
                        break;
                    }
                }
            }
        }

        void free(long a) {
            int handle = live.remove(a);
            sizes.remove(a);
            cacheOf.remove(a);
            if (handle < 0) {
                slab.kfree(a);
            } else {
                slab.kmemCacheFree(handle, a);
            }
        }

        void check() {
            long end = Long.MIN_VALUE;
            for (Map.Entry<Long, Long> e : new TreeMap<>(sizes).entrySet()) {
                assertTrue(e.getKey() >= end, "objects overlap at " + Long.toHexString(e.getKey()));
                end = e.getKey() + e.getValue();
                long first = (e.getKey() - Machines.PAGE_OFFSET) >>> 12;
                long last = (end - 1 - Machines.PAGE_OFFSET) >>> 12;
                assertEquals(blockOf(first), blockOf(last), "an object crosses its slab");
            }
            long pages = 0;
            Map<String, Long> modelCounts = new HashMap<>();
            for (Map.Entry<Long, Integer> e : live.entrySet()) {
                String cache = cacheOf.get(e.getKey());
                if (cache != null) {
                    modelCounts.merge(cache, 1L, Long::sum);
                } else {
                    pages += 1L << SlabOrder.getOrder(sizes.get(e.getKey()));
                }
            }
            for (SlabInfo i : slab.slabinfo()) {
                assertEquals(modelCounts.getOrDefault(i.name(), 0L), i.inuseObjs(), i.name());
                assertTrue(i.inuseObjs() <= i.activeObjs() && i.activeObjs() <= i.numObjs(), i.name());
                assertEquals(i.numSlabs() * i.objPerSlab(), i.numObjs(), i.name());
                assertEquals(i.numSlabs() * i.pagesPerSlab(), i.pages(), i.name());
                pages += i.pages();
            }
            assertEquals(m.pages.used(), pages, "slab pages and large kmallocs are what the page allocator lent");
            assertEquals(pages, m.vmstat.get(VmItem.NR_SLAB_RECLAIMABLE) + m.vmstat.get(VmItem.NR_SLAB_UNRECLAIMABLE));
        }

        private long blockOf(long pfn) {
            for (long p = pfn; p >= 0; p--) {
                Integer order = m.pages.orders.get(p);
                if (order != null) {
                    assertTrue(pfn < p + (1L << order), "pfn " + pfn + " is in no allocated block");
                    return p;
                }
            }
            throw new AssertionError("pfn " + pfn + " is in no allocated block");
        }
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        Action.Independent<Model> create = () -> Arbitraries.integers().between(1, 5000).flatMap(size ->
                Arbitraries.of(0, SlabFlags.SLAB_HWCACHE_ALIGN, SlabFlags.SLAB_RECLAIM_ACCOUNT, SlabFlags.SLAB_ACCOUNT)
                        .map(flags -> Transformer.mutate("create " + size + " " + SlabFlags.describe(flags),
                                m -> m.create(size, flags))));
        Action.Dependent<Model> alloc = new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.handles.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Arbitraries.of(m.handles).flatMap(h -> Arbitraries.integers().between(1, 40)
                        .map(n -> Transformer.mutate(n + " x alloc " + h, x -> {
                            for (int i = 0; i < n; i++) {
                                x.alloc(h);
                            }
                        })));
            }
        };
        Action.Independent<Model> kmalloc = () -> Arbitraries.of(Arrays.stream(GFPS).boxed().toArray(Integer[]::new)).flatMap(gfp ->
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(1, 300)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(301, 8192)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(8193, 40000)))
                        .map(size -> Transformer.mutate("kmalloc " + size + " " + Gfp.describe(gfp),
                                m -> m.kmalloc(size, gfp))));
        Action.Dependent<Model> free = new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.live.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Arbitraries.of(new ArrayList<>(m.live.keySet())).flatMap(first -> Arbitraries.integers().between(1, 30)
                        .map(n -> Transformer.mutate("free " + n + " from " + Long.toHexString(first), x -> {
                            List<Long> some = new ArrayList<>(x.live.tailMap(first, true).keySet());
                            for (int i = 0; i < Math.min(n, some.size()); i++) {
                                x.free(some.get(i));
                            }
                        })));
            }
        };
        Action.Dependent<Model> shrink = new Action.Dependent<>() {
            @Override
            public boolean precondition(Model m) {
                return !m.handles.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Model>> transformer(Model m) {
                return Arbitraries.of(m.handles).map(h -> Transformer.mutate("shrink " + h, x -> x.slab.kmemCacheShrink(h)));
            }
        };
        Action.Independent<Model> cpu = () -> Arbitraries.integers().between(0, 1)
                .map(c -> Transformer.mutate("cpu " + c, m -> m.slab.setCurrentCpu(c)));
        return ActionChain.startWith(Model::new).withAction(1, create).withAction(4, alloc).withAction(4, kmalloc)
                .withAction(5, free).withAction(1, shrink).withAction(1, cpu).withMaxTransformations(40);
    }

    @Property(tries = 40)
    void theAllocatorMatchesItsModel(@ForAll("chains") ActionChain<Model> chain) {
        Model m = chain.withInvariant("slab invariants", Model::check).run();
        for (Long a : new ArrayList<>(m.live.keySet())) {
            m.free(a);
        }
        for (SlabInfo i : m.slab.slabinfo()) {
            assertEquals(0, i.inuseObjs(), i.name());
            m.slab.kmemCacheShrink(m.slab.findCache(i.name()));
        }
        for (SlabInfo i : m.slab.slabinfo()) {
            assertEquals(0, i.activeObjs(), i.name());
            assertEquals(0, i.numSlabs(), i.name());
        }
        assertEquals(0, m.m.pages.used(), "every page given back");
        assertEquals(0, m.m.vmstat.get(VmItem.NR_SLAB_UNRECLAIMABLE) + m.m.vmstat.get(VmItem.NR_SLAB_RECLAIMABLE));
        for (int h : m.handles) {
            m.slab.kmemCacheDestroy(h);
        }
    }
}
