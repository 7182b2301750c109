package org.mmsim.reclaim.lru;

import java.util.function.LongSupplier;
import org.mmsim.api.MachineConfig;
import com.google.inject.Inject;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * The workingset's refault detection (mm/workingset.c): each node counts its evictions and activations
 * ({@code nonresident_age}); an evicted page leaves a shadow entry with the count at its eviction; when the page is
 * read back, the refault distance (how much the count advanced meanwhile) is the least memory that would have kept
 * it. If that fits in the workingset ({@code workingset_test_recent()}: the active file list, plus the inactive file
 * list for anon, plus the anon lists when there is swap), the page comes back active.
 *
 * <p>A shadow fits a positive {@code int}, as the page cache keeps it: 24 bits of the count (EVICTION_MASK, with
 * wrap-around distances), 6 of node and PG_workingset; 0 means none.
 */
public final class Workingset {
    private static final int AGE_BITS = 24;
    private static final long AGE_MASK = (1L << AGE_BITS) - 1;
    private final long[] nonresidentAge;
    private final VmStat vmstat;
    /** Swap's size in pages, once swap is up ({@link #registerSwap}): whether anon pages can be reclaimed at all. */
    private LongSupplier swapPages = () -> 0;

    @Inject
    public Workingset(MachineConfig config, VmStat vmstat) {
        this.nonresidentAge = new long[config.nodes()];
        this.vmstat = vmstat;
    }

    /** Swap's size, from swap, which is built after the LRU lists this counts evictions for. */
    public void registerSwap(LongSupplier totalPages) {
        this.swapPages = totalPages;
    }

    /** {@code workingset_eviction()}: the shadow for a page leaving {@code node}; the node's count advances. */
    public long eviction(int node, boolean workingset) {
        long age = nonresidentAge[node] & AGE_MASK;
        nonresidentAge[node]++;
        return ((age << 7) | ((long) node << 1) | (workingset ? 1 : 0)) + 1;
    }

    /** {@code workingset_activation()}: an activation ages the node too. */
    public void activation(int node) {
        nonresidentAge[node]++;
    }

    /**
     * {@code workingset_refault()}: counts the refault and gives the flags the page comes back with: none, PG_active
     * if it is in the workingset, and PG_workingset too if it was active before its eviction.
     *
     * @param shadow the page's shadow entry (not 0)
     * @param node the node the page comes back on
     */
    public int refault(long shadow, int node, boolean file) {
        long packed = shadow - 1;
        int evictedOn = (int) ((packed >>> 1) & 0x3f);
        boolean workingset = (packed & 1) != 0;
        long evictedAge = packed >>> 7;
        long distance = ((nonresidentAge[evictedOn] & AGE_MASK) - evictedAge) & AGE_MASK;
        vmstat.inc(file ? VmItem.WORKINGSET_REFAULT_FILE : VmItem.WORKINGSET_REFAULT_ANON);
        long size = vmstat.get(VmItem.NR_ACTIVE_FILE);
        if (!file) {
            size += vmstat.get(VmItem.NR_INACTIVE_FILE);
        }
        if (swapPages.getAsLong() > 0) {
            size += vmstat.get(VmItem.NR_ACTIVE_ANON);
            if (file) {
                size += vmstat.get(VmItem.NR_INACTIVE_ANON);
            }
        }
        if (distance > size) {
            return 0;
        }
        vmstat.inc(file ? VmItem.WORKINGSET_ACTIVATE_FILE : VmItem.WORKINGSET_ACTIVATE_ANON);
        nonresidentAge[node]++;
        if (!workingset) {
            return PageFlags.ACTIVE;
        }
        vmstat.inc(file ? VmItem.WORKINGSET_RESTORE_FILE : VmItem.WORKINGSET_RESTORE_ANON);
        return PageFlags.ACTIVE | PageFlags.WORKINGSET;
    }
}
