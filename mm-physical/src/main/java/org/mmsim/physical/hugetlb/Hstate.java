package org.mmsim.physical.hugetlb;

/**
 * One huge page size's pool ({@code struct hstate}): its counts, machine-wide and per node, and each node's free
 * list ({@code hugepage_freelists[]}).
 */
final class Hstate {
    final int order;
    long nrHugePages;
    long freeHugePages;
    long resvHugePages;
    long surplusHugePages;
    long nrOvercommitHugePages;
    final long[] nrHugePagesNode;
    final long[] surplusHugePagesNode;
    final PfnStack[] free;
    /** {@code next_nid_to_alloc}: the node the pool's next fresh page is asked of. */
    int nextNidToAlloc;

    Hstate(int order, int nodes) {
        this.order = order;
        this.nrHugePagesNode = new long[nodes];
        this.surplusHugePagesNode = new long[nodes];
        this.free = new PfnStack[nodes];
        for (int n = 0; n < nodes; n++) {
            free[n] = new PfnStack();
        }
    }

    /** {@code persistent_huge_pages()}: the pool less its surplus, what nr_hugepages reads. */
    long persistent() {
        return nrHugePages - surplusHugePages;
    }

    boolean gigantic() {
        return HugetlbPool.gigantic(order);
    }

    long kb() {
        return 4L << order;
    }
}
