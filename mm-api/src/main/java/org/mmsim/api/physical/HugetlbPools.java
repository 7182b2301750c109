package org.mmsim.api.physical;

/**
 * The hugetlbfs page pools ({@code struct hstate} of mm/hugetlb.c), one per huge page size: on x86-64 2 MiB (order
 * 9, the default, whose figures /proc/meminfo shows) and 1 GiB (order 18). A pool holds huge pages taken from the
 * buddy allocator when its size is raised (vm.nr_hugepages, /sys/kernel/mm/hugepages/hugepages-NkB/nr_hugepages),
 * free or in use by hugetlb mappings, some of them reserved for mappings not yet faulted in, and surplus pages
 * allocated beyond the persistent count up to vm.nr_overcommit_hugepages. A huge page is named by its order.
 */
public interface HugetlbPools {
    /** The orders of the pools the architecture has, the default size's first ({@code hstates[]}). */
    int[] orders();

    /** Huge pages in the pool of {@code order}, surplus ones included ({@code h->nr_huge_pages}, HugePages_Total). */
    long nrHugePages(int order);

    /** Huge pages in the pool of {@code order} on {@code node} ({@code h->nr_huge_pages_node[nid]}). */
    long nrHugePages(int order, int node);

    /** Free huge pages of {@code order} ({@code h->free_huge_pages}, HugePages_Free), reserved ones included. */
    long freeHugePages(int order);

    /** Free huge pages of {@code order} on {@code node}. */
    long freeHugePages(int order, int node);

    /** Huge pages promised to mappings and not yet faulted in ({@code h->resv_huge_pages}, HugePages_Rsvd). */
    long resvHugePages(int order);

    /** Surplus huge pages of {@code order} ({@code h->surplus_huge_pages}, HugePages_Surp). */
    long surplusHugePages(int order);

    /** Surplus huge pages of {@code order} on {@code node}. */
    long surplusHugePages(int order, int node);

    /** The persistent size of the pool: nr_hugepages as its file reads ({@code persistent_huge_pages()}). */
    long persistentHugePages(int order);

    /**
     * Resizes the pool ({@code set_max_huge_pages()}): grows it with pages from the buddy allocator as far as it can
     * supply them (a pool may end smaller than asked, as on a real machine), or shrinks it by freeing free pages and
     * turning pages in use or reserved into surplus ones, which go when they are freed.
     *
     * @param node the node to resize, or -1 for the pages spread over every node
     * @throws IllegalArgumentException for a size of no pool, a node that does not exist, or a negative count
     */
    void setNrHugePages(int order, int node, long count);

    /** vm.nr_overcommit_hugepages of the pool ({@code h->nr_overcommit_huge_pages}). */
    long nrOvercommitHugePages(int order);

    /**
     * Writes vm.nr_overcommit_hugepages: how many surplus pages reservations and faults may take from the buddy
     * allocator beyond the persistent pool. A gigantic size has none ({@code hstate_is_gigantic()}: EINVAL).
     *
     * @throws IllegalArgumentException for a size of no pool, a gigantic one, or a negative count
     */
    void setNrOvercommitHugePages(int order, long count);
}
