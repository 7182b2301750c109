package org.mmsim.kalloc.slub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;

/**
 * The SLUB slab core (mm/slub.c): slabs of a cache, and objects in and out of them.
 *
 * <p>A cache hands out objects from slabs, runs of 2^order frames from the page allocator cut into equal slots.
 * Each CPU has an active slab per cache and allocates from its freelist (the fast path: a few array loads and
 * stores); when it runs dry the slab is left full, untracked as SLUB leaves it, and the CPU takes the first slab of
 * its node's partial list, or a new slab at the cache's order (falling back to the smallest order that holds one
 * object). A free into a full slab puts it on its node's partial list; an empty slab is given back when the node
 * already keeps {@code min_partial} partial slabs. Shrinking flushes the CPU slabs and frees every empty slab.
 * Per-CPU partial lists ({@code CONFIG_SLUB_CPU_PARTIAL}) and the remote-node partial scan are left out: frees go
 * straight to the node lists.
 *
 * <p>Slab pages are counted in NR_SLAB_RECLAIMABLE (SLAB_RECLAIM_ACCOUNT caches) or NR_SLAB_UNRECLAIMABLE, in pages.
 * A pfn map finds the slab of any address with two array loads.
 */
final class Slub {
    private static final int GFP_RECLAIM_MASK = Gfp.__GFP_RECLAIM | Gfp.__GFP_HIGH | Gfp.__GFP_IO | Gfp.__GFP_FS
            | Gfp.__GFP_NOWARN | Gfp.__GFP_RETRY_MAYFAIL | Gfp.__GFP_NOFAIL | Gfp.__GFP_NORETRY | Gfp.__GFP_MEMALLOC
            | Gfp.__GFP_NOMEMALLOC;
    private static final int GFP_CONSTRAINT_MASK = Gfp.__GFP_HARDWALL | Gfp.__GFP_THISNODE;

    private final PageAllocator pages;
    private final VmStat vmstat;
    private final SimClock clock;
    private final SlubConfig config;
    private final int cpus;
    private final long pageOffset;
    private final PfnMap pfnMap;
    private final Slabs slabs = new Slabs();
    private final SlubDebug debug;
    /** Every cache by id, null once destroyed: a slab names its cache by id ({@code slab->slab_cache}). */
    private KmemCache[] caches = new KmemCache[128];
    private int cacheCount;
    /** The active slab of each cache on each CPU: {@code [cache * cpus + cpu]}, -1 for none. */
    private int[] cpuSlab;
    private int cpu;
    private int node;

    Slub(PageAllocator pages, VmStat vmstat, SimClock clock, SlubConfig config) {
        this.pages = pages;
        this.vmstat = vmstat;
        this.clock = clock;
        this.config = config;
        this.cpus = config.cpus();
        this.pageOffset = config.pageOffset();
        this.pfnMap = new PfnMap(config.pfnLimit());
        this.debug = new SlubDebug(slabs, config.word());
        this.cpuSlab = new int[caches.length * cpus];
        Arrays.fill(cpuSlab, -1);
        setCurrentCpu(0);
    }

    /** The pfn map, which large kmallocs share with the slabs. */
    PfnMap pfnMap() {
        return pfnMap;
    }

    /** The debug side: kmalloc's calls raise its warnings too, and the simulated stores go to its bytes. */
    SlubDebug debug() {
        return debug;
    }

    // ---- the caches

    /** Caches made so far, destroyed ones included: the id the next one gets. */
    int cacheCount() {
        return cacheCount;
    }

    /** The cache of an id, null if it was destroyed. */
    KmemCache cache(int id) {
        return caches[id];
    }

    /** Takes on a new cache, whose id is {@link #cacheCount()}. */
    void addCache(KmemCache k) {
        int id = cacheCount;
        if (id == caches.length) {
            caches = Arrays.copyOf(caches, id * 2);
            int old = cpuSlab.length;
            cpuSlab = Arrays.copyOf(cpuSlab, caches.length * cpus);
            Arrays.fill(cpuSlab, old, cpuSlab.length, -1);
        }
        caches[id] = k;
        cacheCount++;
    }

    /** The cache of a slab. */
    KmemCache cacheOfSlab(int s) {
        return caches[slabs.cache[s]];
    }

    void setCurrentCpu(int c) {
        if (c < 0 || c >= cpus) {
            throw new IllegalArgumentException("cpu " + c + "; expected 0 to " + (cpus - 1));
        }
        cpu = c;
        // CPUs are spread over the nodes in equal runs, as the page allocator has them.
        int perNode = Math.max(1, cpus / config.nodes());
        node = Math.min(config.nodes() - 1, c / perNode);
    }

    // ---- allocation

    /**
     * {@code slab_alloc_node()}: the CPU slab's freelist, else {@code ___slab_alloc()}. {@code requested} is the
     * kmalloc size (-1 for a whole object).
     */
    long alloc(KmemCache k, int gfp, int requested, String caller) {
        if (k.debugBytes || (k.flags & SlabFlags.SLAB_CONSISTENCY_CHECKS) != 0) {
            return debugAlloc(k, gfp, requested, caller);
        }
        Slabs t = slabs;
        int s = cpuSlab[k.id * cpus + cpu];
        if (s >= 0) {
            int object = t.free[s];
            if (object >= 0) {
                t.free[s] = t.freelist[s][object];
                t.inuse[s]++;
                t.used[s][object >>> 6] |= 1L << object;
                k.inuseObjects++;
                return t.base[s] + (long) object * k.size;
            }
        }
        s = refill(k, gfp);
        if (s < 0) {
            return 0;
        }
        int object = t.free[s];
        t.free[s] = t.freelist[s][object];
        t.inuse[s]++;
        t.used[s][object >>> 6] |= 1L << object;
        k.inuseObjects++;
        return t.base[s] + (long) object * k.size;
    }

    /**
     * The slow path: the CPU slab with a free object, or, when it ran dry, a partial slab of the CPU's node or a new
     * slab, made the CPU slab. -1 if the page allocator has nothing.
     */
    private int refill(KmemCache k, int gfp) {
        int slot = k.id * cpus + cpu;
        int s = cpuSlab[slot];
        if (s >= 0) {
            if (slabs.free[s] >= 0) {
                return s;
            }
            // A CPU slab with no free object is simply dropped: a full slab is on no list.
            slabs.state[s] = Slabs.FULL;
            cpuSlab[slot] = -1;
        }
        s = k.partialHead[node];
        if (s >= 0) {
            slabs.removePartial(k, s);
        } else {
            s = newSlab(k, gfp);
            if (s < 0) {
                return -1;
            }
        }
        slabs.state[s] = Slabs.CPU;
        cpuSlab[slot] = s;
        return s;
    }

    /**
     * {@code allocate_slab()}: the cache's order without retrying or reclaiming hard, then the smallest order that
     * holds one object with the caller's flags.
     */
    private int newSlab(KmemCache k, int gfp) {
        int flags = (gfp & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK)) | k.allocFlags;
        int order = k.order;
        int objects = k.objects;
        int first = (flags | Gfp.__GFP_NOWARN | Gfp.__GFP_NORETRY) & ~Gfp.__GFP_NOFAIL;
        if ((first & Gfp.__GFP_DIRECT_RECLAIM) != 0 && k.order > k.minOrder) {
            first = (first | Gfp.__GFP_NOMEMALLOC) & ~Gfp.__GFP_RECLAIM;
        }
        long pfn = pages.allocPages(first, order);
        if (pfn == PageAllocator.NO_PAGE) {
            order = k.minOrder;
            objects = k.minObjects;
            int minFlags = order > 0 ? flags : flags & ~Gfp.__GFP_COMP;
            pfn = pages.allocPages(minFlags, order);
            if (pfn == PageAllocator.NO_PAGE) {
                return -1;
            }
        }
        long address = pageOffset + (pfn << 12);
        int s = slabs.create(k.id, pfn, address, order, objects, config.nodeOfPfn().applyAsInt(pfn));
        pfnMap.setRange(pfn, order, s + 1);
        k.nrSlabs++;
        k.totalObjects += objects;
        k.pages += 1L << order;
        vmstat.add(k.reclaimable() ? VmItem.NR_SLAB_RECLAIMABLE : VmItem.NR_SLAB_UNRECLAIMABLE, 1L << order);
        if (k.debugBytes) {
            debug.initSlab(k, s, order, objects);
        }
        if (k.ctor != null) {
            for (int i = 0; i < objects; i++) {
                k.ctor.accept(address + SlubDebug.objectOffset(k, i));
            }
        }
        return s;
    }

    /** The debug path ({@code alloc_debug_processing()}): check the object, then red-zone and poison it as in use. */
    private long debugAlloc(KmemCache k, int gfp, int requested, String caller) {
        int s = refill(k, gfp);
        if (s < 0) {
            return 0;
        }
        int object = slabs.free[s];
        debug.checkAlloc(k, s, object, clock.jiffies());
        slabs.free[s] = slabs.freelist[s][object];
        slabs.inuse[s]++;
        slabs.used[s][object >>> 6] |= 1L << object;
        k.inuseObjects++;
        debug.setupAlloc(k, s, object, requested, gfp, caller, cpu, clock.jiffies());
        return slabs.base[s] + SlubDebug.objectOffset(k, object);
    }

    // ---- freeing

    /** {@code kmem_cache_free()}: {@code cache_from_obj()}'s checks that the object is a slab's of {@code k}. */
    void free(KmemCache k, long addr) {
        int s = slabOf(addr);
        if (s < 0) {
            throw new SlabCorruptionException(debug.warning(k.name, "kmem_cache_free: Object is not a Slab page!", addr));
        }
        if (slabs.cache[s] != k.id) {
            throw new SlabCorruptionException(debug.warning(k.name, "kmem_cache_free: Wrong slab cache. " + k.name
                    + " but object is from " + caches[slabs.cache[s]].name, addr));
        }
        slabFree(k, s, addr, "kmem_cache_free");
    }

    /** {@code kfree()} of an address in slab {@code s}. */
    void kfree(int s, long addr) {
        slabFree(cacheOfSlab(s), s, addr, "kfree");
    }

    /** The slab holding {@code addr}, -1 if none. */
    int slabOf(long addr) {
        if (addr < pageOffset) {
            return -1;
        }
        int v = pfnMap.get((addr - pageOffset) >>> 12);
        return v > 0 ? v - 1 : -1;
    }

    /** {@code do_slab_free()} and {@code __slab_free()}. */
    private void slabFree(KmemCache k, int s, long addr, String caller) {
        Slabs t = slabs;
        long offset = addr - t.base[s] - k.redLeftPad;
        int object = (int) (offset / k.size);
        if (offset < 0 || offset % k.size != 0 || object >= t.objects[s]) {
            throw new SlabCorruptionException(debug.slabError(k, s, String.format("Invalid object pointer 0x%s",
                    debug.hex(addr)), addr, String.format("Object at 0x%s not freed", debug.hex(addr))));
        }
        long bit = 1L << object;
        long[] used = t.used[s];
        if ((used[object >>> 6] & bit) == 0) {
            throw new SlabCorruptionException(k.debugBytes
                    ? debug.objectError(k, s, object, "Object already free",
                            String.format("Object at 0x%s not freed", debug.hex(addr)), clock.jiffies())
                    : debug.slabError(k, s, "Object already free", addr,
                            String.format("Object at 0x%s not freed", debug.hex(addr))));
        }
        if (k.debugBytes) {
            debug.freeDebugProcessing(k, s, object, addr, caller, cpu, clock.jiffies());
        }
        used[object >>> 6] &= ~bit;
        t.freelist[s][object] = t.free[s];
        t.free[s] = object;
        t.inuse[s]--;
        k.inuseObjects--;
        byte state = t.state[s];
        if (state == Slabs.CPU) {
            return;
        }
        if (state == Slabs.FULL) {
            t.addPartial(k, s, true);
        }
        if (t.inuse[s] == 0 && k.nrPartial[t.node[s]] >= k.minPartial) {
            t.removePartial(k, s);
            discardSlab(k, s);
        }
    }

    /** {@code discard_slab()}: the pages go back to the page allocator. */
    private void discardSlab(KmemCache k, int s) {
        long pfn = slabs.pfn[s];
        int order = slabs.order[s];
        pfnMap.setRange(pfn, order, 0);
        k.nrSlabs--;
        k.totalObjects -= slabs.objects[s];
        k.pages -= 1L << order;
        vmstat.add(k.reclaimable() ? VmItem.NR_SLAB_RECLAIMABLE : VmItem.NR_SLAB_UNRECLAIMABLE, -(1L << order));
        slabs.release(s);
        pages.freePages(pfn, order);
    }

    // ---- flushing, shrinking, shutting down

    /** {@code deactivate_slab()} of every CPU slab ({@code flush_all()}). */
    private void flushAll(KmemCache k) {
        for (int c = 0; c < cpus; c++) {
            int slot = k.id * cpus + c;
            int s = cpuSlab[slot];
            if (s < 0) {
                continue;
            }
            cpuSlab[slot] = -1;
            if (slabs.inuse[s] == 0 && k.nrPartial[slabs.node[s]] >= k.minPartial) {
                discardSlab(k, s);
            } else if (slabs.free[s] >= 0) {
                slabs.addPartial(k, s, false);
            } else {
                slabs.state[s] = Slabs.FULL;
            }
        }
    }

    /**
     * {@code __kmem_cache_do_shrink()}: the CPU slabs flushed, empty slabs freed, the rest re-listed fullest first.
     *
     * @return the pages freed
     */
    long shrink(KmemCache k) {
        long before = k.pages;
        flushAll(k);
        for (int n = 0; n < k.partialHead.length; n++) {
            List<Integer> keep = new ArrayList<>();
            for (int s = k.partialHead[n]; s >= 0; ) {
                int next = slabs.next[s];
                slabs.removePartial(k, s);
                if (slabs.inuse[s] == 0) {
                    discardSlab(k, s);
                } else {
                    keep.add(s);
                }
                s = next;
            }
            keep.sort((a, b) -> Integer.compare(slabs.objects[a] - slabs.inuse[a], slabs.objects[b] - slabs.inuse[b]));
            for (int s : keep) {
                slabs.addPartial(k, s, true);
            }
        }
        return before - k.pages;
    }

    /**
     * {@code __kmem_cache_shutdown()} of a cache with no object in use: every slab freed, and the cache's id
     * forgotten.
     */
    void shutdown(KmemCache k) {
        flushAll(k);
        for (int n = 0; n < k.partialHead.length; n++) {
            while (k.partialHead[n] >= 0) {
                int s = k.partialHead[n];
                slabs.removePartial(k, s);
                discardSlab(k, s);
            }
        }
        caches[k.id] = null;
    }

    // ---- views

    /** {@code get_slabinfo()}: free objects are counted only on the node partial lists. */
    SlabInfo slabinfo(KmemCache k) {
        long partialFree = 0;
        for (int n = 0; n < k.partialHead.length; n++) {
            for (int s = k.partialHead[n]; s >= 0; s = slabs.next[s]) {
                partialFree += slabs.objects[s] - slabs.inuse[s];
            }
        }
        return new SlabInfo(k.name, k.totalObjects - partialFree, k.totalObjects, k.size, k.objects, 1 << k.order,
                k.nrSlabs, k.nrSlabs, k.objectSize, k.inuseObjects, k.pages, k.reclaimable(), k.flags, k.aliases);
    }
}
