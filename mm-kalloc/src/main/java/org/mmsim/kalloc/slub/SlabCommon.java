package org.mmsim.kalloc.slub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.mmsim.api.kalloc.KmemCacheException;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabInfo;

/**
 * Cache management of mm/slab_common.c: {@code kmem_cache_create()} with its checks, the {@code slub_debug} flags
 * ({@code kmem_cache_flags()}), cache merging, the handles callers hold, {@code kmem_cache_destroy()} and the list of
 * caches /proc/slabinfo walks. The slabs themselves are {@link Slub}'s.
 *
 * <p>Caches merge as {@code find_mergeable()} has them: a new cache without constructor or debug flags uses the
 * oldest existing cache that is mergeable itself (no constructor, no usercopy region — kmalloc caches have one, with
 * CONFIG_HARDENED_USERCOPY as distributions build — no SLAB_NEVER_MERGE flag), has the same SLAB_RECLAIM_ACCOUNT,
 * SLAB_CACHE_DMA, SLAB_CACHE_DMA32 and SLAB_ACCOUNT flags, a slot at least as big and less than a word bigger than
 * the new object rounded to its alignment, and a slot that is a multiple of that alignment. The new name is an alias.
 */
final class SlabCommon {
    private static final int USER_FLAGS = SlabFlags.SLAB_CONSISTENCY_CHECKS | SlabFlags.SLAB_RED_ZONE
            | SlabFlags.SLAB_POISON | SlabFlags.SLAB_HWCACHE_ALIGN | SlabFlags.SLAB_CACHE_DMA | SlabFlags.SLAB_CACHE_DMA32
            | SlabFlags.SLAB_STORE_USER | SlabFlags.SLAB_RECLAIM_ACCOUNT | SlabFlags.SLAB_PANIC
            | SlabFlags.SLAB_TYPESAFE_BY_RCU | SlabFlags.SLAB_TRACE | SlabFlags.SLAB_NO_MERGE | SlabFlags.SLAB_FAILSLAB
            | SlabFlags.SLAB_ACCOUNT;

    private final Slub slub;
    private final SlubConfig config;
    private final int debugFlags;
    private final String[] debugCaches;
    /** Handles: the cache id each names (-1 once destroyed), and the name it was created with. */
    private int[] handleCache = new int[128];
    private String[] handleName = new String[128];
    private int handleCount;
    private final Map<String, Integer> handles = new HashMap<>();

    /**
     * @throws IllegalArgumentException for a bad {@code slub_debug} option
     */
    SlabCommon(Slub slub, SlubConfig config) {
        this.slub = slub;
        this.config = config;
        Arrays.fill(handleCache, -1);
        String option = config.slubDebug();
        if (option.isEmpty()) {
            debugFlags = 0;
            debugCaches = new String[0];
        } else {
            String[] parts = option.split(",", -1);
            debugFlags = SlabFlags.debugFlags(parts[0]);
            debugCaches = Arrays.copyOfRange(parts, 1, parts.length);
        }
    }

    /** {@code kmem_cache_create()} for a caller: its arguments checked, then {@link #create}. */
    int kmemCacheCreate(String name, int size, int align, int flags, LongConsumer ctor) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace) || name.length() > 64) {
            throw new KmemCacheException("kmem_cache_create: bad name '" + name + "'; expected a word of up to 64 characters");
        }
        if (handles.containsKey(name)) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): a cache of that name exists; expected a new name");
        }
        if (size < 1 || size > SlabAllocator.KMALLOC_MAX_SIZE) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): size " + size + "; expected 1 to "
                    + SlabAllocator.KMALLOC_MAX_SIZE);
        }
        if (align < 0 || align > 4096 || Integer.bitCount(align) > 1) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): align " + align
                    + "; expected 0 or a power of two up to 4096");
        }
        if ((flags & ~USER_FLAGS) != 0) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): flags " + SlabFlags.describe(flags & ~USER_FLAGS)
                    + "; expected SLAB_* flags a cache may be created with");
        }
        return create(name, size, flags, new KmemCacheArgs(align, false, -1, ctor), false);
    }

    /**
     * {@code __kmem_cache_create_args()}: merge, or a new cache; returns the new handle. {@code boot} caches are the
     * kernel's own, never destroyed.
     */
    int create(String name, int size, int flags, KmemCacheArgs args, boolean boot) {
        flags = kmemCacheFlags(flags, name);
        KmemCache target = (args.ctor() == null && !args.usercopy()) ? findMergeable(size, args.align(), flags) : null;
        if (target != null) {
            // __kmem_cache_alias(): the merged cache grows to cover the alias's object.
            target.refcount++;
            target.objectSize = Math.max(target.objectSize, size);
            target.inuse = Math.max(target.inuse, SlabOrder.alignUp(size, config.word()));
            target.aliases.add(name);
            return newHandle(name, target.id);
        }
        int id = slub.cacheCount();
        KmemCache k;
        try {
            k = new KmemCache(id, name, size, flags, args, boot, config.cpus(), config.nodes(), config.word());
        } catch (IllegalArgumentException e) {
            throw new KmemCacheException("kmem_cache_create(" + name + "): " + e.getMessage());
        }
        slub.addCache(k);
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

    /** {@code find_mergeable()}; the rule is in the class comment. */
    private KmemCache findMergeable(int size, int align, int flags) {
        if ((flags & SlabFlags.SLAB_NEVER_MERGE) != 0) {
            return null;
        }
        int word = config.word();
        size = SlabOrder.alignUp(size, word);
        int a = SlabOrder.calculateAlignment((flags & SlabFlags.SLAB_HWCACHE_ALIGN) != 0, align, size, word);
        size = SlabOrder.alignUp(size, a);
        for (int i = 0; i < slub.cacheCount(); i++) {
            KmemCache s = slub.cache(i);
            if (s == null || s.unmergeable || size > s.size
                    || (flags & SlabFlags.SLAB_MERGE_SAME) != (s.flags & SlabFlags.SLAB_MERGE_SAME)
                    || (s.size & ~(a - 1)) != s.size || s.size - size >= word) {
                continue;
            }
            return s;
        }
        return null;
    }

    /** The handle of a cache or alias name, -1 if none. */
    int findCache(String name) {
        Integer h = handles.get(name);
        return h == null ? -1 : h;
    }

    /**
     * The cache behind a handle.
     *
     * @throws KmemCacheException naming {@code caller}, for a handle never made or destroyed
     */
    KmemCache cache(int handle, String caller) {
        if (handle < 0 || handle >= handleCount || handleCache[handle] < 0) {
            throw new KmemCacheException(caller + ": no cache with handle " + handle
                    + "; expected a handle from kmem_cache_create that was not destroyed");
        }
        return slub.cache(handleCache[handle]);
    }

    /** {@code kmem_cache_destroy()}: an alias goes alone; a cache's last handle takes its slabs with it. */
    void kmemCacheDestroy(int handle) {
        KmemCache k = cache(handle, "kmem_cache_destroy");
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
        slub.shutdown(k);
        dropHandle(handle);
    }

    private void dropHandle(int handle) {
        handles.remove(handleName[handle]);
        handleCache[handle] = -1;
    }

    /** Every cache's row, newest first as {@code slab_caches} is walked. */
    List<SlabInfo> slabinfo() {
        List<SlabInfo> rows = new ArrayList<>();
        for (int i = slub.cacheCount() - 1; i >= 0; i--) {
            KmemCache k = slub.cache(i);
            if (k != null) {
                rows.add(slub.slabinfo(k));
            }
        }
        return rows;
    }
}
