package org.mmsim.paging.mm;

import org.mmsim.api.paging.MemoryPolicies;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;

/**
 * {@code vma_alloc_folio()} and {@code alloc_pages_mpol()} (mm/mempolicy.c): a user page allocated as the policy of
 * its VMA, else of the faulting task ({@code get_vma_policy()}), says — a preferred node and a nodemask for the page
 * allocator ({@code policy_nodemask()}). Without a policy the allocation is the allocator's plain one, on the CPU's
 * node, so MPOL_DEFAULT costs nothing. Interleaving takes the node from the page's index in its VMA
 * ({@code interleave_nid()}), so a VMA's pages go round the nodes in address order whatever order they are touched
 * in. Only user pages (anonymous faults, copies on write, private copies of file pages, transparent huge pages)
 * follow policies here; the kernel's allocations for a task (page tables, page cache, swap-in) stay on the CPU's
 * node.
 */
final class PolicyAlloc {
    /** The largest weight a node may have: {@code iw_table} holds u8s. */
    static final int MAX_WEIGHT = 255;

    private final PageAllocator allocator;
    /** {@code iw_table}: each node's weight for MPOL_WEIGHTED_INTERLEAVE. */
    private final int[] weights;
    /** The task whose fault is being handled ({@code current}). */
    private Task current;

    PolicyAlloc(PageAllocator allocator, int nodes) {
        this.allocator = allocator;
        this.weights = new int[nodes];
        java.util.Arrays.fill(weights, 1);
    }

    /** The task a fault allocates for from now on. */
    void setCurrent(Task task) {
        current = task;
    }

    /** The policy that allocates in {@code vma}: its own, else the current task's; null for MPOL_DEFAULT. */
    Mempolicy policyOf(Vma vma) {
        return vma.policy != null ? vma.policy : current == null ? null : current.mempolicy;
    }

    /** {@code vma_alloc_folio(gfp, order, vma, addr)}: a pfn, or {@link PageAllocator#NO_PAGE}. */
    long alloc(Vma vma, long addr, int gfp, int order) {
        Mempolicy pol = policyOf(vma);
        if (pol == null) {
            return allocator.allocPages(gfp, order);
        }
        // get_vma_policy(): the interleave index of the page, in units of the allocation's order.
        long ilx = (vma.pgoff >>> order) + ((addr - vma.start) >>> (12 + order));
        return allocMpol(pol, ilx, gfp, order);
    }

    /** {@code alloc_pages_mpol()} with the preferred node and nodemask of {@code policy_nodemask()}. */
    long allocMpol(Mempolicy pol, long ilx, int gfp, int order) {
        int local = allocator.numaNodeId();
        switch (pol.mode()) {
            case MemoryPolicies.MPOL_PREFERRED:
                return allocator.allocPages(gfp, order, Long.numberOfTrailingZeros(pol.nodes()), PageAllocator.ALL_NODES);
            case MemoryPolicies.MPOL_BIND:
                return allocator.allocPages(gfp, order, local, pol.nodes());
            case MemoryPolicies.MPOL_PREFERRED_MANY: {
                // alloc_pages_preferred_many(): the nodes without direct reclaim first, then anywhere.
                long pfn = allocator.allocPages((gfp | Gfp.__GFP_NOWARN) & ~(Gfp.__GFP_DIRECT_RECLAIM | Gfp.__GFP_NOFAIL),
                        order, local, pol.nodes());
                return pfn != PageAllocator.NO_PAGE ? pfn : allocator.allocPages(gfp, order, local, PageAllocator.ALL_NODES);
            }
            case MemoryPolicies.MPOL_INTERLEAVE:
            case MemoryPolicies.MPOL_WEIGHTED_INTERLEAVE: {
                int nid = pol.mode() == MemoryPolicies.MPOL_INTERLEAVE ? interleaveNid(pol.nodes(), ilx)
                        : weightedInterleaveNid(pol.nodes(), ilx);
                long pfn = allocator.allocPages(gfp, order, nid, PageAllocator.ALL_NODES);
                if (pfn != PageAllocator.NO_PAGE && allocator.pageToNid(pfn) == nid) {
                    allocator.countInterleaveHit(pfn);
                }
                return pfn;
            }
            default:
                // MPOL_LOCAL: the CPU's node first, as with no policy.
                return allocator.allocPages(gfp, order, local, PageAllocator.ALL_NODES);
        }
    }

    /** {@code interleave_nid()}: the ({@code ilx} mod the nodes' count)-th node of the mask. */
    static int interleaveNid(long nodes, long ilx) {
        return Mempolicy.nthNode(nodes, (int) Long.remainderUnsigned(ilx, Long.bitCount(nodes)));
    }

    /**
     * {@code weighted_interleave_nid()}: {@code ilx} modulo the sum of the nodes' weights, counted off node by node,
     * each taking as many indexes as its weight.
     */
    int weightedInterleaveNid(long nodes, long ilx) {
        long total = 0;
        for (long bits = nodes; bits != 0; bits &= bits - 1) {
            total += weights[Long.numberOfTrailingZeros(bits)];
        }
        long target = Long.remainderUnsigned(ilx, total);
        for (long bits = nodes; ; bits &= bits - 1) {
            int nid = Long.numberOfTrailingZeros(bits);
            if (target < weights[nid]) {
                return nid;
            }
            target -= weights[nid];
        }
    }

    int weight(int node) {
        return weights[node];
    }

    void setWeight(int node, int weight) {
        weights[node] = weight;
    }

    int nodes() {
        return weights.length;
    }

    PageAllocator allocator() {
        return allocator;
    }
}
