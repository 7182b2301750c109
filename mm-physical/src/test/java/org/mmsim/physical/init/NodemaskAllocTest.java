package org.mmsim.physical.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MemoryArch;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * {@code __alloc_pages(gfp, order, preferred_nid, nodemask)} on two nodes with a CPU each: the zones a nodemask
 * allows, and {@code zone_statistics()}'s counts worked by hand — hit or miss against the first allowed zone's node,
 * foreign on that zone for a miss, local or other against the CPU's node — each zone's and /proc/vmstat's.
 */
class NodemaskAllocTest {
    private static final int HIT = 0;
    private static final int MISS = 1;
    private static final int FOREIGN = 2;
    private static final int INTERLEAVE = 3;
    private static final int LOCAL = 4;
    private static final int OTHER = 5;
    private static final int GFP = Gfp.GFP_HIGHUSER_MOVABLE;

    private final VmStat vmstat = new VmStat();
    private final PhysicalSystem system = MmInit.boot(MachineConfig.builder().ramBytes(64L << 20).nodes(2).cpus(2)
            .memory(MemoryArch.NUMA).build(), vmstat);
    private final PageAllocator allocator = system.allocator();

    /** The NUMA counters of node {@code node}'s zones, summed (what nodeN/numastat shows). */
    private long[] node(int node) {
        long[] sums = new long[6];
        for (ZoneInfo zone : system.zones()) {
            if (zone.node() == node) {
                long[] stats = zone.numaStats();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += stats[i];
                }
            }
        }
        return sums;
    }

    private static long[] counts(int... pairs) {
        long[] c = new long[6];
        for (int i = 0; i < pairs.length; i += 2) {
            c[pairs[i]] = pairs[i + 1];
        }
        return c;
    }

    @Test
    void aBoundAllocationFromTheOtherNodesCpuIsAHitButNotLocal() {
        allocator.setCurrentCpu(0);
        long[] before0 = node(0);
        long pfn = allocator.allocPages(GFP, 0, 0, 0b10);
        assertEquals(1, allocator.pageToNid(pfn));
        // The first zone of node 0's zonelist that the mask allows is node 1's: the page is a hit there, other.
        assertArrayEquals(counts(HIT, 1, OTHER, 1), node(1));
        assertArrayEquals(before0, node(0));
        assertEquals(List.of(1L, 0L, 0L, 1L), List.of(vmstat.get(VmItem.NUMA_HIT), vmstat.get(VmItem.NUMA_MISS),
                vmstat.get(VmItem.NUMA_LOCAL), vmstat.get(VmItem.NUMA_OTHER)));
        assertEquals(0, allocator.numaNodeId());
        allocator.setCurrentCpu(1);
        assertEquals(1, allocator.numaNodeId());
        allocator.allocPages(GFP, 0, 1, PageAllocator.ALL_NODES);
        assertArrayEquals(counts(HIT, 2, LOCAL, 1, OTHER, 1), node(1));
    }

    @Test
    void aFullPreferredNodeFallsBackAsAMissAndForeign() {
        allocator.setCurrentCpu(0);
        int onOne = 0;
        // Fill node 1 through its mask: every page lands there, until it is short; none ever lands on node 0.
        for (long pfn = allocator.allocPages(GFP, 0, 1, 0b10); pfn != PageAllocator.NO_PAGE;
                pfn = allocator.allocPages(GFP, 0, 1, 0b10)) {
            assertEquals(1, allocator.pageToNid(pfn), "a page bound to node 1");
            onOne++;
        }
        assertArrayEquals(counts(HIT, onOne, OTHER, onOne), node(1));
        long[] zero = node(0);
        long pfn = allocator.allocPages(GFP, 0, 1, PageAllocator.ALL_NODES);
        assertEquals(0, allocator.pageToNid(pfn));
        // Preferred node 1, served by node 0: a miss on node 0 (local to CPU 0), foreign on node 1.
        assertArrayEquals(counts(HIT, onOne, FOREIGN, 1, OTHER, onOne), node(1));
        assertEquals(zero[MISS] + 1, node(0)[MISS]);
        assertEquals(zero[LOCAL] + 1, node(0)[LOCAL]);
        assertEquals(1, vmstat.get(VmItem.NUMA_FOREIGN));
    }

    @Test
    void anInterleaveHitIsCountedOnThePagesZone() {
        long pfn = allocator.allocPages(GFP, 0, 1, PageAllocator.ALL_NODES);
        allocator.countInterleaveHit(pfn);
        assertEquals(1, node(1)[INTERLEAVE]);
        assertEquals(0, node(0)[INTERLEAVE]);
        assertEquals(1, vmstat.get(VmItem.NUMA_INTERLEAVE));
    }

    @Test
    void aNodeOrMaskOutsideTheMachineIsRefusedAndChangesNothing() {
        long free = system.freePages();
        assertThrows(BadPageException.class, () -> allocator.allocPages(GFP, 0, 2, PageAllocator.ALL_NODES));
        assertThrows(BadPageException.class, () -> allocator.allocPages(GFP, 0, 0, 0b100));
        assertThrows(BadPageException.class, () -> allocator.allocPages(GFP, 0, -1, PageAllocator.ALL_NODES));
        assertEquals(free, system.freePages());
        assertEquals(0, vmstat.get(VmItem.NUMA_HIT));
        assertNotEquals(PageAllocator.NO_PAGE, allocator.allocPages(GFP, 0, 0, 0b11));
    }
}
