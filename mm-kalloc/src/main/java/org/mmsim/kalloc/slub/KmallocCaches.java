package org.mmsim.kalloc.slub;

import org.mmsim.api.kalloc.KmemCacheException;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * kmalloc: the size classes of every family ({@code kmalloc_caches[type][index]}, made by
 * {@code create_kmalloc_caches()} in mm/slab_common.c; {@link KmallocSizes}: 8 … 8k, 96 and 192; normal, {@code -rcl-},
 * {@code dma-} and {@code -cg-} by GFP), {@code kmalloc_slab()}'s lookup, and above 8 KiB pages straight from the
 * page allocator ({@code __kmalloc_large_node()} of mm/slub.c), counted as unreclaimable slab; {@code kfree()},
 * {@code ksize()} and {@code krealloc()} of both kinds.
 */
final class KmallocCaches {
    private static final int KMALLOC_NOT_NORMAL = Gfp.__GFP_DMA | Gfp.__GFP_RECLAIMABLE | Gfp.__GFP_ACCOUNT;

    private final SlabCommon common;
    private final Slub slub;
    private final PageAllocator pages;
    private final VmStat vmstat;
    private final PfnMap pfnMap;
    private final SlubDebug debug;
    private final long pageOffset;
    /** The caches by {@code type * INDICES + index}; the kernel never destroys them. */
    private final KmemCache[] caches = new KmemCache[KmallocType.values().length * KmallocSizes.INDICES];

    /** Makes the kmalloc caches of every family, as the first caches of the machine. */
    KmallocCaches(SlabCommon common, Slub slub, PageAllocator pages, VmStat vmstat, long pageOffset) {
        this.common = common;
        this.slub = slub;
        this.pages = pages;
        this.vmstat = vmstat;
        this.pfnMap = slub.pfnMap();
        this.debug = slub.debug();
        this.pageOffset = pageOffset;
        for (KmallocType type : KmallocType.values()) {
            // create_kmalloc_caches(): by index, so 96 and 192 come before the powers of two and /proc/slabinfo,
            // newest first, ends each family with kmalloc-192 and kmalloc-96 (linux-6.18-samples'
            // proc-slabinfo-full.txt).
            for (int index = 1; index < KmallocSizes.INDICES; index++) {
                caches[type.ordinal() * KmallocSizes.INDICES + index] = newKmallocCache(type, index);
            }
        }
    }

    /** {@code new_kmalloc_cache()}: kmalloc caches align to the size's largest power-of-two divisor. */
    private KmemCache newKmallocCache(KmallocType type, int index) {
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
        int handle = common.create(type.cacheName(KmallocSizes.NAMES[index]), size, flags,
                new KmemCacheArgs(Math.max(8, Integer.lowestOneBit(size)), true, -1, null), true);
        return common.cache(handle, "new_kmalloc_cache");
    }

    long kmalloc(long size, int gfp) {
        if (size <= 0) {
            if (size == 0) {
                return SlabAllocator.ZERO_SIZE_PTR;
            }
            throw new KmemCacheException("kmalloc: size " + size + "; expected 0 or more");
        }
        if (size > SlabAllocator.KMALLOC_MAX_CACHE_SIZE) {
            return kmallocLarge(size, gfp);
        }
        return slub.alloc(kmallocSlab(size, gfp), gfp, (int) size, "__kmalloc");
    }

    /** {@code kmalloc_slab()}: the cache of a size from 1 to 8192 in the GFP's family. */
    private KmemCache kmallocSlab(long size, int gfp) {
        int type = (gfp & KMALLOC_NOT_NORMAL) == 0 ? 0 : kmallocType(gfp);
        return caches[type * KmallocSizes.INDICES + KmallocSizes.index((int) size)];
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
        if (size > SlabAllocator.KMALLOC_MAX_SIZE) {
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

    /** The handle of the cache a kmalloc of {@code size} with {@code gfp} uses, -1 above the kmalloc caches. */
    int kmallocCache(long size, int gfp) {
        if (size <= 0 || size > SlabAllocator.KMALLOC_MAX_CACHE_SIZE) {
            return -1;
        }
        return common.findCache(kmallocSlab(size, gfp).name);
    }

    void kfree(long addr) {
        if (addr >= 0 && addr <= SlabAllocator.ZERO_SIZE_PTR) {
            return;
        }
        if (addr >= pageOffset) {
            long pfn = (addr - pageOffset) >>> 12;
            int v = pfnMap.get(pfn);
            if (v > 0) {
                slub.kfree(v - 1, addr);
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

    long ksize(long addr) {
        int s = slub.slabOf(addr);
        if (s >= 0) {
            return slub.cacheOfSlab(s).objectSize;
        }
        if (addr >= pageOffset && (addr & 4095) == 0) {
            int v = pfnMap.get((addr - pageOffset) >>> 12);
            if (v < 0) {
                return 4096L << (-v - 1);
            }
        }
        throw new KmemCacheException(String.format("ksize: 0x%s is not a kmalloc object", debug.hex(addr)));
    }

    long krealloc(long addr, long newSize, int gfp) {
        if (addr >= 0 && addr <= SlabAllocator.ZERO_SIZE_PTR) {
            return kmalloc(newSize, gfp);
        }
        if (newSize == 0) {
            kfree(addr);
            return SlabAllocator.ZERO_SIZE_PTR;
        }
        long room = ksize(addr);
        int s = slub.slabOf(addr);
        if (newSize <= room) {
            if (s >= 0) {
                debug.setOrigSize(slub.cacheOfSlab(s), s, addr, newSize);
            }
            return addr;
        }
        long fresh = kmalloc(newSize, gfp);
        if (fresh == 0) {
            return 0;
        }
        // Only debug caches keep the bytes to copy, and to copy into.
        int t = slub.slabOf(fresh);
        if (s >= 0 && debug.keepsBytes(s) && t >= 0 && debug.keepsBytes(t)) {
            for (int i = 0; i < room; i++) {
                debug.write(t, fresh + i, 1, debug.read(s, addr + i));
            }
        }
        kfree(addr);
        return fresh;
    }
}
