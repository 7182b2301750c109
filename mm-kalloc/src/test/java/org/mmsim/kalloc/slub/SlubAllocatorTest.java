package org.mmsim.kalloc.slub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.kalloc.KmemCacheException;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.stat.VmItem;

/** The allocator's rules, one example each. */
class SlubAllocatorTest {
    private final Machines m = Machines.small();
    private final SlubAllocator slab = m.slab;

    private SlabInfo info(String name) {
        return slab.slabinfo(slab.findCache(name));
    }

    @Test
    void testsRunOnTheModulePath() {
        assertEquals("org.mmsim.kalloc", getClass().getModule().getName());
    }

    @Test
    void kmallocPicksTheSmallestClassOfItsFamily() {
        assertEquals("kmalloc-8", slab.cacheName(slab.kmallocCache(1, Gfp.GFP_KERNEL)));
        assertEquals("kmalloc-96", slab.cacheName(slab.kmallocCache(65, Gfp.GFP_KERNEL)));
        assertEquals("kmalloc-128", slab.cacheName(slab.kmallocCache(97, Gfp.GFP_KERNEL)));
        assertEquals("kmalloc-192", slab.cacheName(slab.kmallocCache(129, Gfp.GFP_KERNEL)));
        assertEquals("kmalloc-256", slab.cacheName(slab.kmallocCache(193, Gfp.GFP_KERNEL)));
        assertEquals("kmalloc-8k", slab.cacheName(slab.kmallocCache(8192, Gfp.GFP_KERNEL)));
        assertEquals(-1, slab.kmallocCache(8193, Gfp.GFP_KERNEL));
        assertEquals("kmalloc-rcl-1k", slab.cacheName(slab.kmallocCache(1000, Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE)));
        assertEquals("dma-kmalloc-64", slab.cacheName(slab.kmallocCache(50, Gfp.GFP_KERNEL | Gfp.GFP_DMA
                | Gfp.__GFP_RECLAIMABLE)));
        assertEquals("kmalloc-cg-32", slab.cacheName(slab.kmallocCache(32, Gfp.GFP_KERNEL_ACCOUNT)));
    }

    @Test
    void objectsAreDirectMapAddressesOfTheirSlab() {
        long a = slab.kmalloc(100, Gfp.GFP_KERNEL);
        long b = slab.kmalloc(100, Gfp.GFP_KERNEL);
        assertEquals(0, (a - Machines.PAGE_OFFSET) % 128);
        assertEquals(128, b - a, "consecutive objects of a new slab, in address order");
        assertEquals(128, slab.ksize(a));
        SlabInfo k = info("kmalloc-128");
        assertEquals(32, k.objPerSlab());
        assertEquals(1, k.numSlabs());
        assertEquals(32, k.activeObjs(), "the CPU slab's free objects count as active, as in SLUB");
        assertEquals(2, k.inuseObjs());
        assertEquals(1, m.vmstat.get(VmItem.NR_SLAB_UNRECLAIMABLE));
    }

    @Test
    void kfreeReusesTheLastFreedObjectFirst() {
        long a = slab.kmalloc(64, Gfp.GFP_KERNEL);
        slab.kmalloc(64, Gfp.GFP_KERNEL);
        slab.kfree(a);
        assertEquals(a, slab.kmalloc(64, Gfp.GFP_KERNEL));
    }

    @Test
    void reclaimableCachesCountAsSReclaimable() {
        slab.kmalloc(1000, Gfp.GFP_KERNEL | Gfp.__GFP_RECLAIMABLE);
        assertEquals(info("kmalloc-rcl-1k").pagesPerSlab(), m.vmstat.get(VmItem.NR_SLAB_RECLAIMABLE));
        long pfn = m.pages.gfps.keySet().iterator().next();
        assertTrue((m.pages.gfps.get(pfn) & Gfp.__GFP_RECLAIMABLE) != 0, "slab pages come from reclaimable pageblocks");
        assertTrue((m.pages.gfps.get(pfn) & Gfp.__GFP_COMP) != 0);
    }

    @Test
    void largeKmallocGoesToThePageAllocator() {
        long a = slab.kmalloc(20000, Gfp.GFP_KERNEL);
        assertEquals(0, (a - Machines.PAGE_OFFSET) & 4095);
        assertEquals(8, m.pages.used(), "get_order(20000) = 3");
        assertEquals(32768, slab.ksize(a));
        assertEquals(8, m.vmstat.get(VmItem.NR_SLAB_UNRECLAIMABLE));
        slab.kfree(a);
        assertEquals(0, m.pages.used());
        assertEquals(0, m.vmstat.get(VmItem.NR_SLAB_UNRECLAIMABLE));
        assertEquals(0, slab.kmalloc(SlabAllocator.KMALLOC_MAX_SIZE + 1, Gfp.GFP_KERNEL));
    }

    @Test
    void zeroSizeAndNullAreSpecial() {
        assertEquals(SlabAllocator.ZERO_SIZE_PTR, slab.kmalloc(0, Gfp.GFP_KERNEL));
        slab.kfree(0);
        slab.kfree(SlabAllocator.ZERO_SIZE_PTR);
        assertThrows(KmemCacheException.class, () -> slab.kmalloc(-1, Gfp.GFP_KERNEL));
    }

    @Test
    void kreallocKeepsAnObjectWithRoomAndMovesOneWithout() {
        long a = slab.kmalloc(100, Gfp.GFP_KERNEL);
        assertEquals(a, slab.krealloc(a, 120, Gfp.GFP_KERNEL));
        long b = slab.krealloc(a, 200, Gfp.GFP_KERNEL);
        assertNotEquals(a, b);
        assertEquals(256, slab.ksize(b));
        assertEquals(0, info("kmalloc-128").inuseObjs());
    }

    @Test
    void failureIsZeroAndChangesNothing() {
        m.pages.budget = 0;
        assertEquals(0, slab.kmalloc(64, Gfp.GFP_KERNEL));
        assertEquals(0, info("kmalloc-64").numSlabs());
    }

    @Test
    void theSlabOrderFallsBackToTheMinimum() {
        int h = slab.kmemCacheCreate("big", 3000, 0, 0);
        assertEquals(8, info("big").pagesPerSlab());
        // A page allocator that fails every order-3 request (first fit over a fragmented range is simpler: a budget of
        // one block that the first, higher-order try takes is not it), so fill memory but leave one frame free.
        FakePages pages = m.pages;
        for (int pfn = 0; pfn < pages.frames - 1; pfn++) {
            pages.taken.set(pfn);
        }
        long a = slab.kmemCacheAlloc(h, Gfp.GFP_KERNEL);
        assertNotEquals(0, a);
        assertEquals(1, info("big").numObjs(), "an order-0 slab holds one 3000-byte object");
    }

    @Test
    void emptySlabsBeyondMinPartialAreFreed() {
        int h = slab.kmemCacheCreate("obj", 2048, 0, 0);
        SlabInfo i = info("obj");
        int perSlab = i.objPerSlab();
        long[] objects = new long[perSlab * 10];
        for (int j = 0; j < objects.length; j++) {
            objects[j] = slab.kmemCacheAlloc(h, Gfp.GFP_KERNEL);
        }
        assertEquals(10, info("obj").numSlabs());
        for (long o : objects) {
            slab.kmemCacheFree(h, o);
        }
        assertEquals(0, info("obj").inuseObjs());
        // min_partial = max(5, ilog2(2048) / 2) = 5; an empty slab goes when nr_partial (itself included) >= 5, so
        // four empty slabs stay on the partial list, and the CPU slab.
        assertEquals(5, info("obj").numSlabs());
        long freed = slab.kmemCacheShrink(h);
        assertEquals(5L * i.pagesPerSlab(), freed);
        assertEquals(0, info("obj").numSlabs());
        assertEquals(0, info("obj").activeObjs());
        assertEquals(0, m.pages.used());
        slab.kmemCacheDestroy(h);
        assertEquals(-1, slab.findCache("obj"));
    }

    @Test
    void destroyIsRefusedWhileObjectsLive() {
        int h = slab.kmemCacheCreate("live", 100, 0, 0);
        long a = slab.kmemCacheAlloc(h, Gfp.GFP_KERNEL);
        KmemCacheException e = assertThrows(KmemCacheException.class, () -> slab.kmemCacheDestroy(h));
        assertEquals("kmem_cache_destroy live: Slab cache still has objects (1 allocated); expected every object freed "
                + "first", e.getMessage());
        assertEquals(1, info("live").inuseObjs());
        slab.kmemCacheFree(h, a);
        slab.kmemCacheDestroy(h);
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheAlloc(h, Gfp.GFP_KERNEL));
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheDestroy(slab.findCache("kmalloc-64")));
    }

    @Test
    void badCreationsAreRefused() {
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheCreate("kmalloc-64", 64, 0, 0));
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheCreate("x", 0, 0, 0));
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheCreate("x", 64, 3, 0));
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheCreate("x", 64, 0, SlabFlags.SLAB_KMALLOC));
        assertThrows(KmemCacheException.class, () -> slab.kmemCacheCreate("two words", 64, 0, 0));
    }

    @Test
    void compatibleCachesMerge() {
        int a = slab.kmemCacheCreate("first", 64, 0, 0);
        int b = slab.kmemCacheCreate("second", 60, 0, 0);
        int c = slab.kmemCacheCreate("third", 64, 0, SlabFlags.SLAB_RECLAIM_ACCOUNT);
        int d = slab.kmemCacheCreate("fourth", 64, 0, 0, object -> { });
        assertEquals("first", slab.cacheName(b), "same slot, same flags: an alias");
        assertEquals("third", slab.cacheName(c), "SLAB_RECLAIM_ACCOUNT must match");
        assertEquals("fourth", slab.cacheName(d), "a constructor is never merged");
        assertEquals(java.util.List.of("second"), info("first").aliases());
        assertTrue(slab.slabinfo().stream().noneMatch(i -> i.name().equals("second")));
        assertEquals("anon_vma_chain", slab.cacheName(slab.findCache("fs_cache")), "fs_struct merges at boot");
        long o = slab.kmemCacheAlloc(b, Gfp.GFP_KERNEL);
        slab.kmemCacheFree(a, o);
        slab.kmemCacheDestroy(b);
        assertEquals(-1, slab.findCache("second"));
        assertEquals(0, slab.slabinfo(a).aliases().size());
        slab.kmemCacheDestroy(a);
    }

    @Test
    void hwcacheAlignRoundsTheSlot() {
        slab.kmemCacheCreate("aligned", 100, 0, SlabFlags.SLAB_HWCACHE_ALIGN);
        assertEquals(128, info("aligned").objSize());
        slab.kmemCacheCreate("unaligned", 100, 0, SlabFlags.SLAB_NO_MERGE);
        assertEquals(104, info("unaligned").objSize());
    }

    @Test
    void bootCachesHaveTheirRealSizes() {
        SlabInfo ext4 = info("ext4_inode_cache");
        assertEquals(1128, ext4.objSize());
        assertEquals(14, ext4.objPerSlab());
        assertEquals(4, ext4.pagesPerSlab());
        assertTrue(ext4.reclaimable());
        assertEquals(192, info("dentry").objSize());
        assertEquals(2112, info("sighand_cache").objSize());
        assertEquals(584, info("radix_tree_node").objSize());
        // task_struct: 5800 aligned to 64 = 5824; 2 CPUs want 12 objects, but an order-3 slab holds only
        // 32768 / 5824 = 5, so min_order = get_order(5 x 5824 = 29120) = 3: 5 objects in 8 pages.
        assertGeometry("task_struct", 5824, 5, 8);
        // mm_struct: 1568 aligned to 64 = 1600; get_order(12 x 1600 = 19200) = 3, 32768 % 1600 = 768 <= 2048:
        // 20 objects in 8 pages.
        assertGeometry("mm_struct", 1600, 20, 8);
        // vm_area_struct: 192, its free pointer inside (vm_freeptr) despite SLAB_TYPESAFE_BY_RCU; 12 x 192 = 2304
        // -> order 0, 4096 % 192 = 64 <= 256: 21 objects in a page.
        assertGeometry("vm_area_struct", 192, 21, 1);
        // pid: 184 with SLAB_HWCACHE_ALIGN -> 192, the same geometry.
        assertGeometry("pid", 192, 21, 1);
        assertEquals(0, m.pages.used(), "boot allocates no slab");
    }

    private void assertGeometry(String cache, int objSize, int objPerSlab, int pagesPerSlab) {
        SlabInfo i = info(cache);
        assertEquals(List.of(objSize, objPerSlab, pagesPerSlab), List.of(i.objSize(), i.objPerSlab(), i.pagesPerSlab()),
                cache + ": objsize objperslab pagesperslab");
    }

    @Test
    void poisonMovesAnRcuCachesInnerFreePointerOut() {
        // SLAB_POISON overwrites a free object, so vm_area_struct's free pointer goes after it: 192 + 8 = 200,
        // aligned to 64 = 256; 12 x 256 = 3072 -> order 0: 16 objects in a page.
        Machines poisoned = new Machines(1 << 14, 2, "P,vm_area_struct");
        SlabInfo vma = poisoned.slab.slabinfo(poisoned.slab.findCache("vm_area_struct"));
        assertEquals(List.of(256, 16, 1), List.of(vma.objSize(), vma.objPerSlab(), vma.pagesPerSlab()));
    }

    @Test
    void doubleFreeAndForeignPointersAreRefusedEvenWithoutDebug() {
        long a = slab.kmalloc(128, Gfp.GFP_KERNEL);
        slab.kfree(a);
        SlabCorruptionException e = assertThrows(SlabCorruptionException.class, () -> slab.kfree(a));
        assertEquals("BUG kmalloc-128 (Not tainted): Object already free", e.report().headline());
        assertThrows(SlabCorruptionException.class, () -> slab.kfree(a + 8));
        assertThrows(SlabCorruptionException.class, () -> slab.kfree(Machines.PAGE_OFFSET + (5000L << 12)));
        int h = slab.findCache("kmalloc-64");
        long b = slab.kmalloc(100, Gfp.GFP_KERNEL);
        e = assertThrows(SlabCorruptionException.class, () -> slab.kmemCacheFree(h, b));
        assertEquals("kmem_cache_free: Wrong slab cache. kmalloc-64 but object is from kmalloc-128", e.report().title());
        assertEquals(1, info("kmalloc-128").inuseObjs());
    }
}
