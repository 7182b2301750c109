package org.mmsim.kalloc.slub;

import java.util.function.LongConsumer;

/**
 * {@code struct kmem_cache_args} (include/linux/slab.h, Linux 6.12 and later): what a cache is created with besides
 * its name, object size and flags.
 *
 * @param align the required alignment, 0 for none
 * @param usercopy whether the cache has a hardened-usercopy region ({@code usersize} above 0), which keeps it from
 *     being merged
 * @param freeptrOffset {@code freeptr_offset} where {@code use_freeptr_offset} is set, -1 where not: a
 *     SLAB_TYPESAFE_BY_RCU cache whose object has a word it may lose once freed (a {@code freeptr_t} in a union, such
 *     as {@code vm_area_struct.vm_freeptr}) keeps its free pointer there instead of after the object
 * @param ctor the constructor, null for none
 */
record KmemCacheArgs(int align, boolean usercopy, int freeptrOffset, LongConsumer ctor) {
    /** Whether {@code use_freeptr_offset} is set. */
    boolean useFreeptrOffset() {
        return freeptrOffset >= 0;
    }
}
