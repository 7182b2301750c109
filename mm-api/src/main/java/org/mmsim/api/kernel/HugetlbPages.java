package org.mmsim.api.kernel;

/**
 * What the paging layer calls in the hugetlbfs pools (mm/hugetlb.c) for its hugetlb mappings: reservations at mmap
 * time ({@code hugetlb_acct_memory()}), huge pages taken at fault time ({@code alloc_hugetlb_folio()}) and given back
 * when the last mapping goes ({@code free_huge_folio()}). Pages stay in the pool; only surplus pages go back to the
 * buddy allocator. Huge pages are named by their order and their first pfn.
 */
public interface HugetlbPages {
    /** What {@link #allocFolio} returns when the pool has no page for the fault (the task gets SIGBUS). */
    long NO_PAGE = -1;

    /**
     * Reserves {@code pages} huge pages of {@code order} ({@code hugetlb_acct_memory()} with a positive delta),
     * allocating surplus pages up to vm.nr_overcommit_hugepages when the free ones do not cover every reservation
     * ({@code gather_surplus_pages()}).
     *
     * @return whether it could (mmap fails with ENOMEM if not); nothing changes if not
     */
    boolean reserve(int order, long pages);

    /**
     * Gives back {@code pages} reservations of {@code order} no fault used ({@code hugetlb_acct_memory()} with a
     * negative delta), freeing surplus pages no reservation needs any more ({@code return_unused_surplus_pages()}).
     */
    void unreserve(int order, long pages);

    /**
     * A free huge page of {@code order} for a fault ({@code alloc_hugetlb_folio()}): with {@code reserved}, one of
     * the reservations becomes this page; without, a free page no reservation holds, or a surplus page from the buddy
     * allocator within vm.nr_overcommit_hugepages. The page has one reference, no mapping, and zeroed content.
     *
     * @return its first pfn, or {@link #NO_PAGE}
     */
    long allocFolio(int order, boolean reserved);

    /** A huge page whose last reference went goes back to its pool, or to the buddy allocator if it is surplus. */
    void freeFolio(int order, long pfn);
}
