package org.mmsim.api.kalloc;

import java.util.List;

/**
 * One cache as /proc/slabinfo shows it ({@code get_slabinfo()} in mm/slub.c): counts of objects and slabs, summed
 * over the nodes. As in SLUB, {@code activeObjs} is every object less the free objects on the node partial lists, so
 * free objects of the CPU slabs count as active; {@code inuseObjs} is what is really allocated.
 *
 * @param name the cache's name
 * @param activeObjs {@code <active_objs>}
 * @param numObjs {@code <num_objs>}: every object of every slab
 * @param objSize {@code <objsize>}: {@code s->size}, the slot an object takes with its metadata
 * @param objPerSlab {@code <objperslab>} of the cache's preferred order
 * @param pagesPerSlab {@code <pagesperslab>}: 2^order
 * @param activeSlabs {@code <active_slabs>} (equal to num_slabs in SLUB)
 * @param numSlabs {@code <num_slabs>}
 * @param objectSize the size the cache was created with ({@code s->object_size})
 * @param inuseObjs objects allocated and not freed
 * @param pages pages the cache's slabs take
 * @param reclaimable whether its slabs count as SReclaimable ({@code SLAB_RECLAIM_ACCOUNT})
 * @param flags its {@link SlabFlags}, debug flags included
 * @param aliases the names of caches merged into it
 */
public record SlabInfo(String name, long activeObjs, long numObjs, int objSize, int objPerSlab, int pagesPerSlab,
                       long activeSlabs, long numSlabs, int objectSize, long inuseObjs, long pages, boolean reclaimable,
                       int flags, List<String> aliases) {
    public SlabInfo {
        aliases = List.copyOf(aliases);
    }
}
