package org.mmsim.physical.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.NodeDistances;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmStat;

/**
 * The order in which an allocation falls back from node to node: build_zonelists() with find_next_best_node()
 * (mm/page_alloc.c), worked by hand below for the 4-node ring (16 to a neighbour, 22 across) and for four nodes all
 * 21 apart. Each machine's memory is filled from one CPU until nothing is left; the nodes appear in zonelist order.
 */
class ZonelistOrderTest {
    private static List<Integer> fallbackOrder(NodeDistances distances, int cpu) {
        MachineConfig config = MachineConfig.builder().ramBytes(256L << 20).nodes(4).cpus(4).distance(distances)
                .swapBytes(0).build();
        PhysicalSystem system = MmInit.boot(config, new VmStat(), new NoReclaim());
        PageAllocator allocator = system.allocator();
        allocator.setCurrentCpu(cpu);
        List<Integer> order = new ArrayList<>();
        for (long pfn = allocator.allocPages(Gfp.GFP_KERNEL, 0); pfn != PageAllocator.NO_PAGE;
                pfn = allocator.allocPages(Gfp.GFP_KERNEL, 0)) {
            int node = nodeOf(system, pfn);
            if (!order.contains(node)) {
                order.add(node);
            }
        }
        return order;
    }

    private static int nodeOf(PhysicalSystem system, long pfn) {
        for (ZoneInfo zone : system.zones()) {
            if (pfn >= zone.startPfn() && pfn < zone.startPfn() + zone.spanned()) {
                return zone.node();
            }
        }
        throw new AssertionError("pfn " + pfn + " in no zone");
    }

    /**
     * Node 0 takes node 1 (16, first of its distance group, load[1] = 1), then 3 (16), then 2 (22, load[2] = 1).
     * Node 1 weighs node 0 at 16 + 1 (below it) + 1 (CPUs) = 18 against node 2's 17 + load 1: 2, then 0, then 3.
     * Node 2: node 3 (17 + load 0... 1 by now: 17*64+1), node 1 (18*64+1), node 0 (24*64). Node 3: 0, 2, 1.
     */
    @Test
    void aRingFallsBackToTheNearestNodesFirst() {
        NodeDistances ring = NodeDistances.ring(4);
        assertEquals(List.of(0, 1, 3, 2), fallbackOrder(ring, 0));
        assertEquals(List.of(1, 2, 0, 3), fallbackOrder(ring, 1));
        assertEquals(List.of(2, 3, 1, 0), fallbackOrder(ring, 2));
        assertEquals(List.of(3, 0, 2, 1), fallbackOrder(ring, 3));
    }

    /** All 21 apart: the load penalty makes each node's list start at the next node, round-robin. */
    @Test
    void equalDistancesTakeTurns() {
        NodeDistances uniform = NodeDistances.uniform(4);
        assertEquals(List.of(0, 1, 2, 3), fallbackOrder(uniform, 0));
        assertEquals(List.of(1, 2, 3, 0), fallbackOrder(uniform, 1));
        assertEquals(List.of(2, 3, 0, 1), fallbackOrder(uniform, 2));
        assertEquals(List.of(3, 0, 1, 2), fallbackOrder(uniform, 3));
    }
}
