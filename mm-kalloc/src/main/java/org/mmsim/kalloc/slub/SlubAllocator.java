package org.mmsim.kalloc.slub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.mmsim.api.kalloc.KmallocType;
import org.mmsim.api.kalloc.KmemCacheException;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.kalloc.SlabReport;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;

/**
 * The SLUB allocator (mm/slub.c) and kmalloc (mm/slab_common.c).
 *
 * <p>A cache hands out objects from slabs, runs of 2^order frames from the page allocator cut into equal slots.
 * Each CPU has an active slab per cache and allocates from its freelist (the fast path: a few array loads and
 * stores); when it runs dry the slab is left full, untracked as SLUB leaves it, and the CPU takes the first slab of
 * its node's partial list, or a new slab at the cache's order (falling back to the smallest order that holds one
 * object). A free into a full slab puts it on its node's partial list; an empty slab is given back when the node
 * already keeps {@code min_partial} partial slabs. {@code kmem_cache_shrink()} flushes the CPU slabs and frees every
 * empty slab. Per-CPU partial lists ({@code CONFIG_SLUB_CPU_PARTIAL}) and the remote-node partial scan are left out:
 * frees go straight to the node lists.
 *
 * <p>Caches merge as {@code find_mergeable()} has them: a new cache without constructor or debug flags uses the
 * oldest existing cache that is mergeable itself (no constructor, no usercopy region — kmalloc caches have one, with
 * CONFIG_HARDENED_USERCOPY as distributions build — no SLAB_NEVER_MERGE flag), has the same SLAB_RECLAIM_ACCOUNT,
 * SLAB_CACHE_DMA, SLAB_CACHE_DMA32 and SLAB_ACCOUNT flags, a slot at least as big and less than a word bigger than
 * the new object rounded to its alignment, and a slot that is a multiple of that alignment. The new name is an alias.
 *
 * <p>Slab pages are counted in NR_SLAB_RECLAIMABLE (SLAB_RECLAIM_ACCOUNT caches) or NR_SLAB_UNRECLAIMABLE, in pages;
 * kmalloc above 8 KiB takes pages straight from the page allocator ({@code __kmalloc_large_node()}), counted as
 * unreclaimable slab too. A pfn map finds the slab of any address with two array loads.
 */
public final class SlubAllocator implements SlabAllocator {
    private static final int GFP_RECLAIM_MASK = Gfp.__GFP_RECLAIM | Gfp.__GFP_HIGH | Gfp.__GFP_IO | Gfp.__GFP_FS
            | Gfp.__GFP_NOWARN | Gfp.__GFP_RETRY_MAYFAIL | Gfp.__GFP_NOFAIL | Gfp.__GFP_NORETRY | Gfp.__GFP_MEMALLOC
            | Gfp.__GFP_NOMEMALLOC;
    private static final int GFP_CONSTRAINT_MASK = Gfp.__GFP_HARDWALL | Gfp.__GFP_THISNODE;
    private static final int KMALLOC_NOT_NORMAL = Gfp.__GFP_DMA | Gfp.__GFP_RECLAIMABLE | Gfp.__GFP_ACCOUNT;
    private static final int USER_FLAGS = SlabFlags.SLAB_CONSISTENCY_CHECKS | SlabFlags.SLAB_RED_ZONE
            | SlabFlags.SLAB_POISON | SlabFlags.SLAB_HWCACHE_ALIGN | SlabFlags.SLAB_CACHE_DMA | SlabFlags.SLAB_CACHE_DMA32
            | SlabFlags.SLAB_STORE_USER | SlabFlags.SLAB_RECLAIM_ACCOUNT | SlabFlags.SLAB_PANIC
            | SlabFlags.SLAB_TYPESAFE_BY_RCU | SlabFlags.SLAB_TRACE | SlabFlags.SLAB_NO_MERGE | SlabFlags.SLAB_FAILSLAB
            | SlabFlags.SLAB_ACCOUNT;

    private final PageAllocator pages;
    private final VmStat vmstat;
    private final SimClock clock;
    private final SlubConfig config;
    private final int cpus;
    private final long pageOffset;
    private final PfnMap pfnMap;
    private final Slabs slabs = new Slabs();
    private final SlubDebug debug;
    private final int debugFlags;
    private final String[] debugCaches;
    private KmemCache[] caches = new KmemCache[128];
    private int cacheCount;
    /** The active slab of each cache on each CPU: {@code [cache * cpus + cpu]}, -1 for none. */
    private int[] cpuSlab;
    private int cpu;
    private int node;
    /** kmalloc cache ids by {@code type * INDICES + index}. */
    private final int[] kmalloc = new int[KmallocType.values().length * KmallocSizes.INDICES];
    /** Handles: the cache each names (-1 once destroyed), and the name it was created with. */
    private int[] handleCache = new int[128];
    private String[] handleName = new String[128];
    private int handleCount;
    private final Map<String, Integer> handles = new HashMap<>();

    /**
     * Boots the allocator: the kmalloc caches of every family, then the kernel's named caches.
     *
     * @throws IllegalArgumentException for a bad {@code slub_debug} option
     */
    public SlubAllocator(PageAllocator pages, VmStat vmstat, SimClock clock, SlubConfig config) {
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
        Arrays.fill(handleCache, -1);
        Arrays.fill(kmalloc, -1);
        String option = config.slubDebug();
        if (option.isEmpty()) {
            debugFlags = 0;
            debugCaches = new String[0];
        } else {
            String[] parts = option.split(",", -1);
            debugFlags = SlabFlags.debugFlags(parts[0]);
            debugCaches = Arrays.copyOfRange(parts, 1, parts.length);
        }
        setCurrentCpu(0);
        for (KmallocType type : KmallocType.values()) {
            for (int index : KmallocSizes.CREATION_ORDER) {
                kmalloc[type.ordinal() * KmallocSizes.INDICES + index] = createKmallocCache(type, index);
            }
        }
        for (BootCaches.Spec spec : BootCaches.ALL) {
            create(spec.name(), spec.size(), spec.align(), spec.flags(), spec.ctor() ? object -> { } : null, true,
                    spec.usercopy());
        }
    }

    /** {@code new_kmalloc_cache()}: kmalloc caches align to the size's largest power-of-two divisor. */
    private int createKmallocCache(KmallocType type, int index) {
        int size = KmallocSizes.SIZES[index];
        int flags = SlabFlags.SLAB_KMALLOC;
        switch (type) {
            case RECLAIM:
                flags |= SlabFlags.SLAB_RECLAIM_ACCOUNT;
                break;
            case DMA:
                flags |= SlabFlags.SLAB_CACHE_DMA;
                break;
            case CGROUP:
                flags |= SlabFlags.SLAB_ACCOUNT;
                break;
            default:
                // With CONFIG_MEMCG, kmalloc-N is never merged, to keep it apart from kmalloc-cg-N.
                flags |= SlabFlags.SLAB_NO_MERGE;
        }
        int handle = create(type.cacheName(KmallocSizes.NAMES[index]), size, Math.max(8, Integer.lowestOneBit(size)),
                flags, null, true, true);
        return handleCache[handle];
    }

    // ---- creating and destroying caches

    @Override
    public int kmemCacheCreate(String name, int size, int align, int flags, LongConsumer ctor) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace) || name.length() > 64) {
            throw new KmemCacheException("kmem_cache_create: bad name '" + name + "'; expected a word of up to 64 characters");
        }
        if (handles.containsKey(name)) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): a cache of that name exists; expected a new name");
        }
        if (size < 1 || size > KMALLOC_MAX_SIZE) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): size " + size + "; expected 1 to " + KMALLOC_MAX_SIZE);
        }
        if (align < 0 || align > 4096 || Integer.bitCount(align) > 1) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): align " + align
                    + "; expected 0 or a power of two up to 4096");
        }
        if ((flags & ~USER_FLAGS) != 0) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): flags " + SlabFlags.describe(flags & ~USER_FLAGS)
                    + "; expected SLAB_* flags a cache may be created with");
        }
        return create(name, size, align, flags, ctor, false, false);
    }

    /** {@code __kmem_cache_create_args()}: merge, or a new cache; returns the new handle. */
    private int create(String name, int size, int align, int flags, LongConsumer ctor, boolean boot, boolean usercopy) {
        flags = kmemCacheFlags(flags, name);
        KmemCache target = (ctor == null && !usercopy) ? findMergeable(size, align, flags) : null;
        if (target != null) {
            // __kmem_cache_alias(): the merged cache grows to cover the alias's object.
            target.refcount++;
            target.objectSize = Math.max(target.objectSize, size);
            target.inuse = Math.max(target.inuse, SlabOrder.alignUp(size, config.word()));
            target.aliases.add(name);
            return newHandle(name, target.id);
        }
        int id = cacheCount;
        KmemCache k;
        try {
            k = new KmemCache(id, name, size, align, flags, ctor, boot, usercopy, cpus, config.nodes(), config.word());
        } catch (IllegalArgumentException e) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): " + e.getMessage());
        }
        if (id == caches.length) {
            caches = Arrays.copyOf(caches, id * 2);
            int old = cpuSlab.length;
            cpuSlab = Arrays.copyOf(cpuSlab, caches.length * cpus);
            Arrays.fill(cpuSlab, old, cpuSlab.length, -1);
        }
        caches[id] = k;
        cacheCount++;
        return newHandle(name, id);
    }

    private int newHandle(String name, int cacheId) {
        int h = handleCount++;
        if (h == handleCache.length) {
            handleCache = Arrays.copyOf(handleCache, h * 2);
            Arrays.fill(handleCache, h, handleCache.length, -1);
            handleName = Arrays.copyOf(handleName, h * 2);
        }
        handleCache[h] = cacheId;
        handleName[h] = name;
        handles.put(name, h);
        return h;
    }

    /** {@code kmem_cache_flags()}: slub_debug's flags, for every cache or those it names (a trailing * globs). */
    private int kmemCacheFlags(int flags, String name) {
        if (debugFlags == 0) {
            return flags;
        }
        if (debugCaches.length == 0) {
            return flags | debugFlags;
        }
        for (String pattern : debugCaches) {
            boolean match = pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern);
            if (match) {
                return flags | debugFlags;
            }
        }
        return flags;
    }

    /** {@code find_mergeable()} of mm/slab_common.c; the rule is in the class comment. */
    private KmemCache findMergeable(int size, int align, int flags) {
        if ((flags & SlabFlags.SLAB_NEVER_MERGE) != 0) {
            return null;
        }
        int word = config.word();
        size = SlabOrder.alignUp(size, word);
        int a = SlabOrder.calculateAlignment((flags & SlabFlags.SLAB_HWCACHE_ALIGN) != 0, align, size, word);
        size = SlabOrder.alignUp(size, a);
        for (int i = 0; i < cacheCount; i++) {
            KmemCache s = caches[i];
            if (s == null || s.unmergeable || size > s.size
                    || (flags & SlabFlags.SLAB_MERGE_SAME) != (s.flags & SlabFlags.SLAB_MERGE_SAME)
                    || (s.size & ~(a - 1)) != s.size || s.size - size >= word) {
                continue;
            }
            return s;
        }
        return null;
    }

    @Override
    public int findCache(String name) {
        Integer h = handles.get(name);
        return h == null ? -1 : h;
    }

    private KmemCache cacheOf(int handle, String caller) {
        if (handle < 0 || handle >= handleCount || handleCache[handle] < 0) {
            throw new KmemCacheException(caller + ": no cache with handle " + handle
                    + "; expected a handle from kmem_cache_create that was not destroyed");
        }
        return caches[handleCache[handle]];
    }

    @Override
    public void kmemCacheDestroy(int handle) {
        KmemCache k = cacheOf(handle, "kmem_cache_destroy");
        String name = handleName[handle];
        if (k.refcount > 1) {
            k.refcount--;
            k.aliases.remove(name);
            dropHandle(handle);
            return;
        }
        if (k.boot) {
            throw new KmemCacheException("kmem_cache_destroy " + k.name + ": the kernel created this cache at boot and "
                    + "never destroys it; expected a cache made with kmem_cache_create");
        }
        if (k.inuseObjects > 0) {
            throw new KmemCacheException("kmem_cache_destroy " + k.name + ": Slab cache still has objects ("
                    + k.inuseObjects + " allocated); expected every object freed first");
        }
        flushAll(k);
        for (int n = 0; n < k.partialHead.length; n++) {
            while (k.partialHead[n] >= 0) {
                int s = k.partialHead[n];
                removePartial(k, s);
                discardSlab(k, s);
            }
        }
        caches[k.id] = null;
        dropHandle(handle);
    }

    private void dropHandle(int handle) {
        handles.remove(handleName[handle]);
        handleCache[handle] = -1;
    }

    // ---- allocation

    @Override
    public long kmemCacheAlloc(int handle, int gfp) {
        if (handle < 0 || handle >= handleCount || handleCache[handle] < 0) {
            cacheOf(handle, "kmem_cache_alloc");
        }
        return slabAlloc(caches[handleCache[handle]], gfp, -1, "kmem_cache_alloc");
    }

    /**
     * {@code slab_alloc_node()}: the CPU slab's freelist, else {@code ___slab_alloc()}. {@code requested} is the
     * kmalloc size (-1 for a whole object).
     */
    private long slabAlloc(KmemCache k, int gfp, int requested, String caller) {
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
            removePartial(k, s);
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
            DebugSlab d = new DebugSlab(4096 << order, objects);
            slabs.debug[s] = d;
            debug.initSlab(k, d, objects);
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
        if ((k.flags & SlabFlags.SLAB_CONSISTENCY_CHECKS) != 0 && k.debugBytes) {
            SlabReport report = debug.checkObject(k, s, object, SlubDebug.SLUB_RED_INACTIVE, clock.jiffies());
            if (report != null) {
                // Linux marks the slab's objects used and takes another; here the bytes are repaired and the
                // allocation refused, so the cache stays whole.
                throw new SlabCorruptionException(report);
            }
        }
        slabs.free[s] = slabs.freelist[s][object];
        slabs.inuse[s]++;
        slabs.used[s][object >>> 6] |= 1L << object;
        k.inuseObjects++;
        DebugSlab d = slabs.debug[s];
        if (d != null) {
            int size = requested >= 0 && k.origSize ? requested : k.objectSize;
            d.origSize[object] = size;
            debug.initObject(k, d, object, SlubDebug.SLUB_RED_ACTIVE, size);
            d.allocBy[object] = caller;
            d.allocCpu[object] = cpu;
            d.allocWhen[object] = clock.jiffies();
            if ((gfp & Gfp.__GFP_ZERO) != 0) {
                int p = SlubDebug.objectOffset(k, object);
                Arrays.fill(d.bytes, p, p + size, (byte) 0);
            }
        }
        return slabs.base[s] + SlubDebug.objectOffset(k, object);
    }

    // ---- freeing

    @Override
    public void kmemCacheFree(int handle, long addr) {
        KmemCache k = cacheOf(handle, "kmem_cache_free");
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

    /** The slab holding {@code addr}, -1 if none. */
    private int slabOf(long addr) {
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
            debugFree(k, s, object, addr, caller);
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
            addPartial(k, s, true);
        }
        if (t.inuse[s] == 0 && k.nrPartial[t.node[s]] >= k.minPartial) {
            removePartial(k, s);
            discardSlab(k, s);
        }
    }

    /** {@code free_debug_processing()}: the red zones checked (SLAB_CONSISTENCY_CHECKS), then poisoned as free. */
    private void debugFree(KmemCache k, int s, int object, long addr, String caller) {
        if ((k.flags & SlabFlags.SLAB_CONSISTENCY_CHECKS) != 0) {
            SlabReport report = debug.checkObject(k, s, object, SlubDebug.SLUB_RED_ACTIVE, clock.jiffies());
            if (report != null) {
                throw new SlabCorruptionException(new SlabReport(report.cache(), report.title(), report.object(),
                        report.text() + String.format("FIX %s: Object at 0x%s not freed%n", k.name, debug.hex(addr))));
            }
        }
        DebugSlab d = slabs.debug[s];
        d.freeBy[object] = caller;
        d.freeCpu[object] = cpu;
        d.freeWhen[object] = clock.jiffies();
        debug.initObject(k, d, object, SlubDebug.SLUB_RED_INACTIVE, k.objectSize);
    }

    private void addPartial(KmemCache k, int s, boolean tail) {
        Slabs t = slabs;
        int n = t.node[s];
        t.state[s] = Slabs.PARTIAL;
        if (k.partialHead[n] < 0) {
            t.prev[s] = -1;
            t.next[s] = -1;
            k.partialHead[n] = s;
            k.partialTail[n] = s;
        } else if (tail) {
            int last = k.partialTail[n];
            t.next[last] = s;
            t.prev[s] = last;
            t.next[s] = -1;
            k.partialTail[n] = s;
        } else {
            int first = k.partialHead[n];
            t.prev[first] = s;
            t.next[s] = first;
            t.prev[s] = -1;
            k.partialHead[n] = s;
        }
        k.nrPartial[n]++;
    }

    private void removePartial(KmemCache k, int s) {
        Slabs t = slabs;
        int n = t.node[s];
        int p = t.prev[s];
        int x = t.next[s];
        if (p >= 0) {
            t.next[p] = x;
        } else {
            k.partialHead[n] = x;
        }
        if (x >= 0) {
            t.prev[x] = p;
        } else {
            k.partialTail[n] = p;
        }
        t.prev[s] = -1;
        t.next[s] = -1;
        k.nrPartial[n]--;
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
                addPartial(k, s, false);
            } else {
                slabs.state[s] = Slabs.FULL;
            }
        }
    }

    @Override
    public long kmemCacheShrink(int handle) {
        KmemCache k = cacheOf(handle, "kmem_cache_shrink");
        long before = k.pages;
        flushAll(k);
        for (int n = 0; n < k.partialHead.length; n++) {
            // __kmem_cache_do_shrink(): empty slabs go, the rest are re-listed fullest first.
            List<Integer> keep = new ArrayList<>();
            for (int s = k.partialHead[n]; s >= 0; ) {
                int next = slabs.next[s];
                removePartial(k, s);
                if (slabs.inuse[s] == 0) {
                    discardSlab(k, s);
                } else {
                    keep.add(s);
                }
                s = next;
            }
            keep.sort((a, b) -> Integer.compare(slabs.objects[a] - slabs.inuse[a], slabs.objects[b] - slabs.inuse[b]));
            for (int s : keep) {
                addPartial(k, s, true);
            }
        }
        return before - k.pages;
    }

    // ---- kmalloc

    @Override
    public long kmalloc(long size, int gfp) {
        if (size <= 0) {
            if (size == 0) {
                return ZERO_SIZE_PTR;
            }
            throw new KmemCacheException("kmalloc: size " + size + "; expected 0 or more");
        }
        if (size > KMALLOC_MAX_CACHE_SIZE) {
            return kmallocLarge(size, gfp);
        }
        int type = (gfp & KMALLOC_NOT_NORMAL) == 0 ? 0 : kmallocType(gfp);
        KmemCache k = caches[kmalloc[type * KmallocSizes.INDICES + KmallocSizes.index((int) size)]];
        return slabAlloc(k, gfp, (int) size, "__kmalloc");
    }

    /** {@code kmalloc_type()}: DMA first, then reclaimable, then memcg-accounted. */
    private static int kmallocType(int gfp) {
        if ((gfp & Gfp.__GFP_DMA) != 0) {
            return KmallocType.DMA.ordinal();
        }
        return (gfp & Gfp.__GFP_RECLAIMABLE) != 0 ? KmallocType.RECLAIM.ordinal() : KmallocType.CGROUP.ordinal();
    }

    /** {@code __kmalloc_large_node()}: a compound page of get_order(size), counted as unreclaimable slab. */
    private long kmallocLarge(long size, int gfp) {
        if (size > KMALLOC_MAX_SIZE) {
            return 0;
        }
        int order = SlabOrder.getOrder(size);
        long pfn = pages.allocPages((gfp | Gfp.__GFP_COMP) & ~(Gfp.__GFP_DMA32 | Gfp.__GFP_HIGHMEM), order);
        if (pfn == PageAllocator.NO_PAGE) {
            return 0;
        }
        pfnMap.set(pfn, -(order + 1));
        vmstat.add(VmItem.NR_SLAB_UNRECLAIMABLE, 1L << order);
        return pageOffset + (pfn << 12);
    }

    @Override
    public long kzalloc(long size, int gfp) {
        return kmalloc(size, gfp | Gfp.__GFP_ZERO);
    }

    @Override
    public int kmallocCache(long size, int gfp) {
        if (size <= 0 || size > KMALLOC_MAX_CACHE_SIZE) {
            return -1;
        }
        int type = (gfp & KMALLOC_NOT_NORMAL) == 0 ? 0 : kmallocType(gfp);
        int id = kmalloc[type * KmallocSizes.INDICES + KmallocSizes.index((int) size)];
        return findCache(caches[id].name);
    }

    @Override
    public void kfree(long addr) {
        if (addr >= 0 && addr <= ZERO_SIZE_PTR) {
            return;
        }
        if (addr >= pageOffset) {
            long pfn = (addr - pageOffset) >>> 12;
            int v = pfnMap.get(pfn);
            if (v > 0) {
                slabFree(caches[slabs.cache[v - 1]], v - 1, addr, "kfree");
                return;
            }
            if (v < 0 && (addr & 4095) == 0) {
                int order = -v - 1;
                pfnMap.set(pfn, 0);
                vmstat.add(VmItem.NR_SLAB_UNRECLAIMABLE, -(1L << order));
                pages.freePages(pfn, order);
                return;
            }
        }
        throw new SlabCorruptionException(debug.warning("kfree", "kfree: not a slab object or a large kmalloc", addr));
    }

    @Override
    public long ksize(long addr) {
        int s = slabOf(addr);
        if (s >= 0) {
            return caches[slabs.cache[s]].objectSize;
        }
        if (addr >= pageOffset && (addr & 4095) == 0) {
            int v = pfnMap.get((addr - pageOffset) >>> 12);
            if (v < 0) {
                return 4096L << (-v - 1);
            }
        }
        throw new KmemCacheException(String.format("ksize: 0x%s is not a kmalloc object", debug.hex(addr)));
    }

    @Override
    public long krealloc(long addr, long newSize, int gfp) {
        if (addr >= 0 && addr <= ZERO_SIZE_PTR) {
            return kmalloc(newSize, gfp);
        }
        if (newSize == 0) {
            kfree(addr);
            return ZERO_SIZE_PTR;
        }
        long room = ksize(addr);
        int s = slabOf(addr);
        if (newSize <= room) {
            DebugSlab d = s >= 0 ? slabs.debug[s] : null;
            KmemCache k = s >= 0 ? caches[slabs.cache[s]] : null;
            if (d != null && k.origSize) {
                int object = (int) ((addr - slabs.base[s] - k.redLeftPad) / k.size);
                int p = SlubDebug.objectOffset(k, object);
                if (newSize < d.origSize[object] && (k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
                    Arrays.fill(d.bytes, p + (int) newSize, p + d.origSize[object], (byte) SlubDebug.SLUB_RED_ACTIVE);
                }
                d.origSize[object] = (int) newSize;
            }
            return addr;
        }
        long fresh = kmalloc(newSize, gfp);
        if (fresh == 0) {
            return 0;
        }
        int from = s >= 0 && slabs.debug[s] != null ? (int) room : 0;
        for (int i = 0; i < from; i++) {
            int b = read(addr + i);
            if (b >= 0 && read(fresh + i) >= 0) {
                write(fresh + i, 1, b);
            }
        }
        kfree(addr);
        return fresh;
    }

    // ---- views

    @Override
    public String cacheName(int handle) {
        return cacheOf(handle, "cacheName").name;
    }

    @Override
    public int objectSize(int handle) {
        return cacheOf(handle, "objectSize").objectSize;
    }

    @Override
    public List<SlabInfo> slabinfo() {
        List<SlabInfo> rows = new ArrayList<>();
        for (int i = cacheCount - 1; i >= 0; i--) {
            if (caches[i] != null) {
                rows.add(info(caches[i]));
            }
        }
        return rows;
    }

    @Override
    public SlabInfo slabinfo(int handle) {
        return info(cacheOf(handle, "slabinfo"));
    }

    /** {@code get_slabinfo()}: free objects are counted only on the node partial lists. */
    private SlabInfo info(KmemCache k) {
        long partialFree = 0;
        for (int n = 0; n < k.partialHead.length; n++) {
            for (int s = k.partialHead[n]; s >= 0; s = slabs.next[s]) {
                partialFree += slabs.objects[s] - slabs.inuse[s];
            }
        }
        return new SlabInfo(k.name, k.totalObjects - partialFree, k.totalObjects, k.size, k.objects, 1 << k.order,
                k.nrSlabs, k.nrSlabs, k.objectSize, k.inuseObjects, k.pages, k.reclaimable(), k.flags, k.aliases);
    }

    @Override
    public void write(long addr, int length, int value) {
        if (length < 0) {
            throw new KmemCacheException("write: length " + length + "; expected 0 or more");
        }
        int s = slabOf(addr);
        if (s < 0 || slabs.debug[s] == null) {
            return;
        }
        byte[] b = slabs.debug[s].bytes;
        int from = (int) (addr - slabs.base[s]);
        Arrays.fill(b, from, (int) Math.min(b.length, (long) from + length), (byte) value);
    }

    @Override
    public int read(long addr) {
        int s = slabOf(addr);
        if (s < 0 || slabs.debug[s] == null) {
            return -1;
        }
        return slabs.debug[s].bytes[(int) (addr - slabs.base[s])] & 0xff;
    }

    @Override
    public List<SlabReport> validate(int handle) {
        KmemCache k = cacheOf(handle, "validate");
        List<SlabReport> reports = new ArrayList<>();
        if (!k.debugBytes) {
            return reports;
        }
        for (int s = 0; s < slabs.limit(); s++) {
            if (slabs.state[s] == Slabs.UNUSED || slabs.cache[s] != k.id) {
                continue;
            }
            for (int i = 0; i < slabs.objects[s]; i++) {
                int val = slabs.isUsed(s, i) ? SlubDebug.SLUB_RED_ACTIVE : SlubDebug.SLUB_RED_INACTIVE;
                SlabReport report = debug.checkObject(k, s, i, val, clock.jiffies());
                if (report != null) {
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    @Override
    public void setCurrentCpu(int c) {
        if (c < 0 || c >= cpus) {
            throw new IllegalArgumentException("cpu " + c + "; expected 0 to " + (cpus - 1));
        }
        cpu = c;
        // CPUs are spread over the nodes in equal runs, as the page allocator has them.
        int perNode = Math.max(1, cpus / config.nodes());
        node = Math.min(config.nodes() - 1, c / perNode);
    }
}
