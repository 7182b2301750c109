package org.mmsim.api.kalloc;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * The kernel's object allocator: SLUB slab caches ({@code struct kmem_cache}, mm/slub.c and mm/slab_common.c) and
 * {@code kmalloc()} on top of them. Objects are named by their kernel virtual address in the direct map
 * ({@code PAGE_OFFSET + pfn * 4096 + offset}, {@link #PAGE_OFFSET} on x86-64), a primitive {@code long}; caches by a
 * handle, a primitive {@code int}. Allocation failure is 0 (NULL), as in the kernel.
 *
 * <p>What the other layers call: {@code fork} allocates a {@code task_struct}, {@code mm_struct} and one
 * {@code vm_area_struct} per VMA with {@link #kmemCacheAlloc} on the handles {@link #findCache} gives for those
 * names (the caches exist from boot, with their real object sizes), and frees them with {@link #kmemCacheFree} on
 * exit; an inode is an {@code inode_cache} (or {@code ext4_inode_cache}) object and a path lookup a {@code dentry}.
 *
 * <p>A wrong call throws and changes nothing: {@link KmemCacheException} for a bad handle, size or name, or a cache
 * destroyed with live objects; {@link SlabCorruptionException}, with SLUB's report, for a double free, a free of an
 * address that is not an object of the cache, or (in caches with {@code slub_debug}) an overwritten red zone or
 * poison found on a free or an allocation; the corrupted bytes are restored, so the cache stays consistent.
 *
 * <p>Not thread-safe: a machine runs on one thread.
 */
public interface SlabAllocator {
    /** The start of the direct map of all physical memory on x86-64 with 4-level paging ({@code PAGE_OFFSET}). */
    long PAGE_OFFSET = 0xffff888000000000L;
    /** What {@code kmalloc(0)} returns: not NULL, but never a valid object ({@code ZERO_SIZE_PTR}). */
    long ZERO_SIZE_PTR = 16;
    /** The largest kmalloc served from a slab cache, 8 KiB ({@code KMALLOC_MAX_CACHE_SIZE}, KMALLOC_SHIFT_HIGH 13). */
    int KMALLOC_MAX_CACHE_SIZE = 8192;
    /** The largest kmalloc at all: an order-10 block, 4 MiB ({@code KMALLOC_MAX_SIZE}). */
    long KMALLOC_MAX_SIZE = 4L << 20;

    /**
     * Creates a cache ({@code kmem_cache_create()}), or merges it into an existing compatible one as
     * {@code find_mergeable()} does, in which case the handle is an alias of that cache and /proc/slabinfo shows
     * only the cache it merged into.
     *
     * @param size the object size in bytes, 1 to {@link #KMALLOC_MAX_SIZE}
     * @param align the minimum alignment, 0 or a power of two
     * @param flags {@link SlabFlags}; the machine's {@code slub_debug} adds debug flags
     * @return the cache's handle
     * @throws KmemCacheException for an empty or taken name, a size or alignment out of range
     */
    default int kmemCacheCreate(String name, int size, int align, int flags) {
        return kmemCacheCreate(name, size, align, flags, null);
    }

    /**
     * Creates a cache with a constructor, called with each object's address when a new slab is set up (a cache with
     * a constructor is never merged, and its free pointer lives after the object).
     */
    int kmemCacheCreate(String name, int size, int align, int flags, LongConsumer ctor);

    /** The handle of the cache (or alias) named {@code name}, -1 if there is none. */
    int findCache(String name);

    /**
     * Allocates an object ({@code kmem_cache_alloc()}): from the CPU's slab, else a partial slab of the node, else
     * a new slab from the page allocator.
     *
     * @return the object's address, or 0 if no slab could be allocated
     * @throws KmemCacheException for a bad handle
     * @throws SlabCorruptionException if the object about to be handed out has overwritten poison or red zones
     *     (debug caches); the bytes are restored and nothing is allocated
     */
    long kmemCacheAlloc(int cache, int gfp);

    /**
     * Frees an object ({@code kmem_cache_free()}).
     *
     * @throws KmemCacheException for a bad handle
     * @throws SlabCorruptionException for an address that is not an allocated object of this cache, or an object
     *     whose red zones are overwritten (debug caches); the object is not freed
     */
    void kmemCacheFree(int cache, long addr);

    /**
     * Flushes the CPU slabs and frees every empty slab of the cache ({@code kmem_cache_shrink()}), ordering the
     * partial lists fullest first.
     *
     * @return the pages given back to the page allocator
     */
    long kmemCacheShrink(int cache);

    /**
     * Drops a handle ({@code kmem_cache_destroy()}). The last handle of a cache destroys it and frees its slabs.
     *
     * @throws KmemCacheException if this is the cache's last handle and it still has objects allocated, or the
     *     cache is one the kernel made at boot (kmalloc caches, task_struct, ...); nothing changes then
     */
    void kmemCacheDestroy(int cache);

    /**
     * {@code kmalloc()}: the smallest kmalloc cache of the GFP's family (normal, {@code kmalloc-rcl-} for
     * {@code __GFP_RECLAIMABLE}, {@code dma-kmalloc-} for {@code GFP_DMA}, {@code kmalloc-cg-} for
     * {@code __GFP_ACCOUNT}) that fits, or pages straight from the page allocator above
     * {@link #KMALLOC_MAX_CACHE_SIZE}.
     *
     * @return the address; {@link #ZERO_SIZE_PTR} for size 0; 0 on failure or above {@link #KMALLOC_MAX_SIZE}
     * @throws KmemCacheException for a negative size
     */
    long kmalloc(long size, int gfp);

    /** {@code kzalloc()}: {@link #kmalloc} with {@code __GFP_ZERO}. */
    long kzalloc(long size, int gfp);

    /**
     * {@code kfree()}: frees a kmalloc object or large allocation; 0 and {@link #ZERO_SIZE_PTR} are ignored.
     *
     * @throws SlabCorruptionException for an address that is neither (nothing changes)
     */
    void kfree(long addr);

    /** {@code ksize()}: the usable size of a kmalloc object (its cache's object size, or the pages of a large one). */
    long ksize(long addr);

    /**
     * {@code krealloc()}: the same address if the object already has room for {@code newSize}, else a new object
     * with the old contents (in debug caches, the bytes) and the old one freed; 0 on failure (the old object kept).
     */
    long krealloc(long addr, long newSize, int gfp);

    /** The cache the kmalloc of {@code size} bytes with {@code gfp} would use, -1 above the kmalloc caches. */
    int kmallocCache(long size, int gfp);

    /** The name of the cache behind a handle (the merged cache's name for an alias). */
    String cacheName(int cache);

    /** The object size of the cache behind a handle ({@code s->object_size}). */
    int objectSize(int cache);

    /**
     * Every cache as /proc/slabinfo lists them (newest first, as {@code slab_caches} is walked), merged aliases
     * folded into the cache they use.
     */
    List<SlabInfo> slabinfo();

    /** The cache's row, as {@link #slabinfo()} has it. */
    SlabInfo slabinfo(int cache);

    /**
     * Simulates a store of {@code length} bytes of {@code value} at {@code addr}, as a buggy driver would, so that
     * the debug checks have something to find. Only debug caches keep object bytes: elsewhere the store is not
     * recorded.
     */
    void write(long addr, int length, int value);

    /** The byte at {@code addr} in a debug cache's slab, or -1 where no bytes are kept. */
    int read(long addr);

    /**
     * Checks every object of the cache ({@code echo 1 > /sys/kernel/slab/NAME/validate}): the reports found, each
     * damage repaired.
     */
    List<SlabReport> validate(int cache);

    /** The CPU allocations run on from now on (its per-CPU slabs, and its node's partial lists). */
    void setCurrentCpu(int cpu);
}
