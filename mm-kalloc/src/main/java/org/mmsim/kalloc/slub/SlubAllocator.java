package org.mmsim.kalloc.slub;

import java.util.List;
import java.util.function.LongConsumer;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.kalloc.SlabReport;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;

/**
 * The kernel's object allocator as the other layers call it: the SLUB allocator with CONFIG_SLUB_DEBUG
 * (mm/slub.c: {@link Slub}, {@link SlubDebug}) under the caches and kmalloc of mm/slab_common.c
 * ({@link SlabCommon}, {@link KmallocCaches}). Each call goes to the part that does it; a handle becomes its cache
 * first.
 */
public final class SlubAllocator implements SlabAllocator {
    private final SimClock clock;
    private final Slub slub;
    private final SlubDebug debug;
    private final SlabCommon common;
    private final KmallocCaches kmalloc;

    /**
     * Boots the allocator: the kmalloc caches of every family, then the kernel's named caches.
     *
     * @throws IllegalArgumentException for a bad {@code slub_debug} option
     */
    public SlubAllocator(PageAllocator pages, VmStat vmstat, SimClock clock, SlubConfig config) {
        this.clock = clock;
        this.slub = new Slub(pages, vmstat, clock, config);
        this.debug = slub.debug();
        this.common = new SlabCommon(slub, config);
        this.kmalloc = new KmallocCaches(common, slub, pages, vmstat, config.pageOffset());
        for (BootCaches.Spec spec : BootCaches.ALL) {
            common.create(spec.name(), spec.size(), spec.flags(), spec.args(), true);
        }
    }

    @Override
    public int kmemCacheCreate(String name, int size, int align, int flags, LongConsumer ctor) {
        return common.kmemCacheCreate(name, size, align, flags, ctor);
    }

    @Override
    public int findCache(String name) {
        return common.findCache(name);
    }

    @Override
    public long kmemCacheAlloc(int handle, int gfp) {
        return slub.alloc(common.cache(handle, "kmem_cache_alloc"), gfp, -1, "kmem_cache_alloc");
    }

    @Override
    public void kmemCacheFree(int handle, long addr) {
        slub.free(common.cache(handle, "kmem_cache_free"), addr);
    }

    @Override
    public long kmemCacheShrink(int handle) {
        return slub.shrink(common.cache(handle, "kmem_cache_shrink"));
    }

    @Override
    public void kmemCacheDestroy(int handle) {
        common.kmemCacheDestroy(handle);
    }

    @Override
    public long kmalloc(long size, int gfp) {
        return kmalloc.kmalloc(size, gfp);
    }

    @Override
    public long kzalloc(long size, int gfp) {
        return kmalloc.kmalloc(size, gfp | Gfp.__GFP_ZERO);
    }

    @Override
    public void kfree(long addr) {
        kmalloc.kfree(addr);
    }

    @Override
    public long ksize(long addr) {
        return kmalloc.ksize(addr);
    }

    @Override
    public long krealloc(long addr, long newSize, int gfp) {
        return kmalloc.krealloc(addr, newSize, gfp);
    }

    @Override
    public int kmallocCache(long size, int gfp) {
        return kmalloc.kmallocCache(size, gfp);
    }

    @Override
    public String cacheName(int handle) {
        return common.cache(handle, "cacheName").name;
    }

    @Override
    public int objectSize(int handle) {
        return common.cache(handle, "objectSize").objectSize;
    }

    @Override
    public List<SlabInfo> slabinfo() {
        return common.slabinfo();
    }

    @Override
    public SlabInfo slabinfo(int handle) {
        return slub.slabinfo(common.cache(handle, "slabinfo"));
    }

    @Override
    public void write(long addr, int length, int value) {
        debug.write(slub.slabOf(addr), addr, length, value);
    }

    @Override
    public int read(long addr) {
        return debug.read(slub.slabOf(addr), addr);
    }

    @Override
    public List<SlabReport> validate(int handle) {
        return debug.validate(common.cache(handle, "validate"), clock.jiffies());
    }

    @Override
    public void setCurrentCpu(int cpu) {
        slub.setCurrentCpu(cpu);
    }
}
