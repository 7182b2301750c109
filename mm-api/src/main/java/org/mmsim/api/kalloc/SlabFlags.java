package org.mmsim.api.kalloc;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SLAB_*} flags of {@code kmem_cache_create()} (include/linux/slab.h), as bits of an int. The values are
 * those Linux used before 6.8 turned them into enum-numbered bits; only the names are the interface. The debug
 * flags are what {@code slub_debug=} letters turn on: F, Z, P, U, T and A.
 */
public final class SlabFlags {
    /** {@code slub_debug=F}: check the freelist and each object on alloc and free. */
    public static final int SLAB_CONSISTENCY_CHECKS = 0x100;
    /** {@code slub_debug=Z}: red zones before and after each object. */
    public static final int SLAB_RED_ZONE = 0x400;
    /** {@code slub_debug=P}: fill free objects with POISON_FREE and check them on allocation. */
    public static final int SLAB_POISON = 0x800;
    /** The cache is a kmalloc size class. */
    public static final int SLAB_KMALLOC = 0x1000;
    /** Align objects to the cache line (64 bytes, less for objects that fit twice or more in a line). */
    public static final int SLAB_HWCACHE_ALIGN = 0x2000;
    /** Slabs come from ZONE_DMA. */
    public static final int SLAB_CACHE_DMA = 0x4000;
    /** Slabs come from ZONE_DMA32. */
    public static final int SLAB_CACHE_DMA32 = 0x8000;
    /** {@code slub_debug=U}: remember who last allocated and freed each object. */
    public static final int SLAB_STORE_USER = 0x10000;
    /** Slabs are reclaimable kernel memory (dentries, inodes): SReclaimable, MIGRATE_RECLAIMABLE pageblocks. */
    public static final int SLAB_RECLAIM_ACCOUNT = 0x20000;
    /** Panic if the cache cannot be created: boot-time caches. */
    public static final int SLAB_PANIC = 0x40000;
    /** Freed objects may be reused before an RCU grace period: never merged, free pointer outside the object. */
    public static final int SLAB_TYPESAFE_BY_RCU = 0x80000;
    /** {@code slub_debug=T}: trace every alloc and free. */
    public static final int SLAB_TRACE = 0x200000;
    /** Never merge this cache with another ({@code slab_nomerge} for one cache). */
    public static final int SLAB_NO_MERGE = 0x1000000;
    /** {@code slub_debug=A}: the cache takes part in failslab fault injection. */
    public static final int SLAB_FAILSLAB = 0x2000000;
    /** Objects are charged to the allocating task's memory cgroup. */
    public static final int SLAB_ACCOUNT = 0x4000000;

    /** What {@code slub_debug} with no letters turns on: FZPU ({@code DEBUG_DEFAULT_FLAGS} in mm/slub.c). */
    public static final int DEBUG_DEFAULT_FLAGS = SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER;
    /** Flags that keep object metadata in the slab: a cache with one of them needs its objects' bytes. */
    public static final int DEBUG_METADATA_FLAGS = SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER;
    /** Flags that stop a cache from being merged ({@code SLAB_NEVER_MERGE} in mm/slab_common.c). */
    public static final int SLAB_NEVER_MERGE = SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_TRACE
            | SLAB_TYPESAFE_BY_RCU | SLAB_FAILSLAB | SLAB_NO_MERGE | SLAB_CONSISTENCY_CHECKS;
    /** Flags two caches must share to be merged ({@code SLAB_MERGE_SAME}). */
    public static final int SLAB_MERGE_SAME = SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | SLAB_CACHE_DMA32 | SLAB_ACCOUNT;

    private static final Object[][] NAMES = {
        {SLAB_CONSISTENCY_CHECKS, "SLAB_CONSISTENCY_CHECKS"},
        {SLAB_RED_ZONE, "SLAB_RED_ZONE"},
        {SLAB_POISON, "SLAB_POISON"},
        {SLAB_KMALLOC, "SLAB_KMALLOC"},
        {SLAB_HWCACHE_ALIGN, "SLAB_HWCACHE_ALIGN"},
        {SLAB_CACHE_DMA, "SLAB_CACHE_DMA"},
        {SLAB_CACHE_DMA32, "SLAB_CACHE_DMA32"},
        {SLAB_STORE_USER, "SLAB_STORE_USER"},
        {SLAB_RECLAIM_ACCOUNT, "SLAB_RECLAIM_ACCOUNT"},
        {SLAB_PANIC, "SLAB_PANIC"},
        {SLAB_TYPESAFE_BY_RCU, "SLAB_TYPESAFE_BY_RCU"},
        {SLAB_TRACE, "SLAB_TRACE"},
        {SLAB_NO_MERGE, "SLAB_NO_MERGE"},
        {SLAB_FAILSLAB, "SLAB_FAILSLAB"},
        {SLAB_ACCOUNT, "SLAB_ACCOUNT"},
    };

    private SlabFlags() {
    }

    /**
     * The flag a name stands for, such as {@code SLAB_HWCACHE_ALIGN}.
     *
     * @throws IllegalArgumentException for a name this class does not know, listing those it does
     */
    public static int byName(String name) {
        for (Object[] entry : NAMES) {
            if (entry[1].equals(name)) {
                return (Integer) entry[0];
            }
        }
        List<String> known = new ArrayList<>();
        for (Object[] entry : NAMES) {
            known.add((String) entry[1]);
        }
        throw new IllegalArgumentException("unknown slab flag '" + name + "'; expected names joined by |, from "
                + String.join(", ", known));
    }

    /** The flags as names joined by {@code |}, such as {@code SLAB_HWCACHE_ALIGN|SLAB_PANIC}; {@code 0} for none. */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        int left = flags;
        for (Object[] entry : NAMES) {
            int bit = (Integer) entry[0];
            if ((flags & bit) != 0) {
                names.add((String) entry[1]);
                left &= ~bit;
            }
        }
        if (left != 0) {
            names.add(String.format("%#x", left));
        }
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    /**
     * The debug flags of a {@code slub_debug=} option string's letters (Documentation/mm/slub.rst): F, Z, P, U, T, A;
     * {@code O} and {@code -} are accepted and add nothing; no letters at all means FZPU.
     *
     * @throws IllegalArgumentException for another letter
     */
    public static int debugFlags(String letters) {
        if (letters.isEmpty()) {
            return DEBUG_DEFAULT_FLAGS;
        }
        int flags = 0;
        for (char c : letters.toCharArray()) {
            switch (Character.toUpperCase(c)) {
                case 'F': flags |= SLAB_CONSISTENCY_CHECKS; break;
                case 'Z': flags |= SLAB_RED_ZONE; break;
                case 'P': flags |= SLAB_POISON; break;
                case 'U': flags |= SLAB_STORE_USER; break;
                case 'T': flags |= SLAB_TRACE; break;
                case 'A': flags |= SLAB_FAILSLAB; break;
                case 'O':
                case '-':
                    break;
                default:
                    throw new IllegalArgumentException("slub_debug letter '" + c + "'; expected letters from F, Z, P, U, T, A, O "
                            + "or -, optionally followed by ,CACHE names (such as FZPU or FZ,kmalloc-128)");
            }
        }
        return flags;
    }
}
