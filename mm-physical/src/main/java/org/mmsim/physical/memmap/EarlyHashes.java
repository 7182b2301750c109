package org.mmsim.physical.memmap;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.kernel.SystemHash;

/**
 * The hash tables {@code vfs_caches_init_early()} takes from memblock (fs/dcache.c {@code dcache_init_early()},
 * fs/inode.c {@code inode_init_early()}): on a machine of one node they are allocated before the buddy allocator
 * exists, top-down like every memblock allocation, so their pages never count in MemTotal. With several nodes
 * {@code hashdist} defers them to vmalloc, which the kernel-allocator layer does at boot.
 */
final class EarlyHashes {
    private EarlyHashes() {
    }

    /**
     * {@code calc_nr_kernel_pages()} (mm/mm_init.c): the RAM memblock has not reserved when the zones are set up,
     * after the memmap and before the per-CPU areas.
     */
    static long kernelPages(List<PfnRange> usable, List<PfnRange> reserved) {
        long pages = 0;
        for (PfnRange ram : usable) {
            pages += ram.pages();
            for (PfnRange r : reserved) {
                pages -= r.intersect(ram.start(), ram.end()).pages();
            }
        }
        return pages;
    }

    /** Reserves the early tables of a one-node machine below the reservations in {@code reserved}, adding to it. */
    static void reserve(List<PfnRange> usable, long kernelPages, int cpus, List<PfnRange> reserved) {
        for (SystemHash hash : SystemHash.BOOT) {
            if (hash.early()) {
                long pages = (hash.bytes(kernelPages, cpus) + 4095) >> 12;
                reserved.add(topDownFree(usable, pages, new ArrayList<>(reserved), hash.name()));
            }
        }
    }

    /** memblock's top-down search: the highest free run of {@code pages} pages of RAM. */
    private static PfnRange topDownFree(List<PfnRange> usable, long pages, List<PfnRange> busy, String what) {
        busy.sort(java.util.Comparator.comparingLong(PfnRange::start).reversed());
        for (int i = usable.size() - 1; i >= 0; i--) {
            PfnRange ram = usable.get(i);
            long end = ram.end();
            for (PfnRange r : busy) {
                if (r.start() >= end || r.end() <= ram.start()) {
                    continue;
                }
                if (end - r.end() >= pages) {
                    return new PfnRange(end - pages, end);
                }
                end = Math.min(end, r.start());
            }
            if (end - ram.start() >= pages) {
                return new PfnRange(end - pages, end);
            }
        }
        throw new IllegalArgumentException("the " + what + " hash table (" + (pages * 4) + " KiB) does not fit in "
                + "the RAM left at boot; expected more RAM");
    }
}
