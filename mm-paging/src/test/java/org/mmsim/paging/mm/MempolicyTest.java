package org.mmsim.paging.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.paging.SyscallException;

/**
 * mm/mempolicy.c's arithmetic, each case worked by hand from the kernel's functions: {@code mpol_new()} and
 * {@code mpol_set_nodemask()} (what they refuse with EINVAL, what they keep), {@code mpol_relative_nodemask()},
 * {@code mpol_to_str()}, {@code interleave_nid()}, {@code weighted_interleave_nid()} and {@code node_remap()}.
 */
class MempolicyTest {
    /** Nodes 0 and 1 have memory; 2 and 3 are possible but empty (or offline). */
    private static final long MEMORY = 0b11;

    private static String errno(int mode, long nodes) {
        return assertThrows(SyscallException.class, () -> Mempolicy.create(mode, nodes, MEMORY)).errno();
    }

    @Test
    void theKernelRefusesWhatMpolNewRefuses() {
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_BIND, 0), "bind without nodes");
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_INTERLEAVE, 0), "interleave without nodes");
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_BIND, 0b100), "only a node without memory");
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_DEFAULT, 0b1), "default with nodes");
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_LOCAL, 0b1), "local with nodes");
        assertEquals("EINVAL", errno(7, 0b1), "mode past MPOL_MAX");
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_BIND | MemoryPolicies.MPOL_F_STATIC_NODES
                | MemoryPolicies.MPOL_F_RELATIVE_NODES, 0b1), "both node flags");
        assertEquals("EINVAL", errno(MemoryPolicies.MPOL_PREFERRED | MemoryPolicies.MPOL_F_STATIC_NODES, 0),
                "preferred with a flag and no node");
    }

    @Test
    void whatItKeeps() {
        assertNull(Mempolicy.create(MemoryPolicies.MPOL_DEFAULT, 0, MEMORY), "MPOL_DEFAULT is no policy");
        // mpol_new(): MPOL_PREFERRED with no node is MPOL_LOCAL.
        assertEquals(MemoryPolicies.MPOL_LOCAL, Mempolicy.create(MemoryPolicies.MPOL_PREFERRED, 0, MEMORY).mode());
        // nodes_and() with N_MEMORY: the empty node 2 drops out.
        assertEquals(0b11, Mempolicy.create(MemoryPolicies.MPOL_BIND, 0b111, MEMORY).nodes());
        // mpol_new_preferred(): the first node only.
        assertEquals(0b10, Mempolicy.create(MemoryPolicies.MPOL_PREFERRED, 0b110, MEMORY).nodes());
        // Relative: node 3 of the user's folds onto 3 mod 2 = 1, the second node with memory.
        Mempolicy relative = Mempolicy.create(MemoryPolicies.MPOL_BIND | MemoryPolicies.MPOL_F_RELATIVE_NODES, 0b1000,
                MEMORY);
        assertEquals(0b10, relative.nodes());
        assertEquals(0b1000, relative.userNodes());
    }

    @Test
    void relativeNodesAreTheNthAllowedNodes() {
        // Allowed {1, 3, 4}: user node 0 -> 1, 1 -> 3, 2 -> 4, 3 -> 3 mod 3 = 0 -> 1.
        long allowed = 0b11010;
        assertEquals(0b10, Mempolicy.relative(0b1, allowed));
        assertEquals(0b11000, Mempolicy.relative(0b110, allowed));
        assertEquals(0b10, Mempolicy.relative(0b1000, allowed));
    }

    @Test
    void mpolToStrAsNumaMapsShowsIt() {
        assertEquals("default", Mempolicy.describe(null));
        assertEquals("bind:0", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_BIND, 0b1, MEMORY)));
        assertEquals("interleave:0-1", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_INTERLEAVE, -1L, MEMORY)));
        assertEquals("prefer:1", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_PREFERRED, 0b10, MEMORY)));
        assertEquals("local", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_LOCAL, 0, MEMORY)));
        assertEquals("prefer (many):0-1", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_PREFERRED_MANY, 0b11,
                MEMORY)));
        assertEquals("weighted interleave:0-1", Mempolicy.describe(Mempolicy.create(
                MemoryPolicies.MPOL_WEIGHTED_INTERLEAVE, 0b11, MEMORY)));
        assertEquals("bind=static:1", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_BIND
                | MemoryPolicies.MPOL_F_STATIC_NODES, 0b10, MEMORY)));
        assertEquals("interleave=relative:0-1", Mempolicy.describe(Mempolicy.create(MemoryPolicies.MPOL_INTERLEAVE
                | MemoryPolicies.MPOL_F_RELATIVE_NODES, 0b11, MEMORY)));
        assertEquals("0-2,5,7-8", MemoryPolicies.nodeList(0b110100111));
    }

    @Test
    void interleaveNidCountsOffTheMask() {
        // Nodes {0, 2, 3}: index 0 -> 0, 1 -> 2, 2 -> 3, 3 -> 0, 7 -> 7 mod 3 = 1 -> 2.
        long nodes = 0b1101;
        assertEquals(0, PolicyAlloc.interleaveNid(nodes, 0));
        assertEquals(2, PolicyAlloc.interleaveNid(nodes, 1));
        assertEquals(3, PolicyAlloc.interleaveNid(nodes, 2));
        assertEquals(0, PolicyAlloc.interleaveNid(nodes, 3));
        assertEquals(2, PolicyAlloc.interleaveNid(nodes, 7));
    }

    @Test
    void weightedInterleaveGivesEachNodeItsWeightOfIndexes() {
        PolicyAlloc policies = new PolicyAlloc(null, 3);
        policies.setWeight(0, 3);
        policies.setWeight(2, 2);
        // Nodes {0, 2}, weights 3 and 2, total 5: indexes 0-2 -> node 0, 3-4 -> node 2, then again from 5.
        int[] expected = {0, 0, 0, 2, 2, 0, 0, 0, 2, 2};
        for (int ilx = 0; ilx < expected.length; ilx++) {
            assertEquals(expected[ilx], policies.weightedInterleaveNid(0b101, ilx), "index " + ilx);
        }
        // Node 1 keeps its default weight 1: {0, 1} is 3 + 1 = 4 indexes a round.
        assertEquals(1, policies.weightedInterleaveNid(0b11, 3));
        assertEquals(0, policies.weightedInterleaveNid(0b11, 4));
    }

    @Test
    void nodeRemapMapsPositionToPosition() {
        // From {0, 2} to {1, 3}: 0 -> 1, 2 -> 3; node 1 is not in from and stays.
        assertEquals(1, MempolicyCalls.nodeRemap(0, 0b101, 0b1010));
        assertEquals(3, MempolicyCalls.nodeRemap(2, 0b101, 0b1010));
        assertEquals(1, MempolicyCalls.nodeRemap(1, 0b101, 0b1010));
        // From {0, 1, 2} to {3}: position modulo one node, all to 3.
        assertEquals(3, MempolicyCalls.nodeRemap(2, 0b111, 0b1000));
    }
}
