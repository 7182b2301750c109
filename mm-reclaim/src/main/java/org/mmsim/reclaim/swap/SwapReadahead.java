package org.mmsim.reclaim.swap;

/**
 * The window of swap readahead by slot ({@code swap_cluster_readahead()} and {@code swapin_nr_pages()} in
 * mm/swap_state.c): the slots read with a faulting one are the aligned block of 2^n slots around it, where n adapts.
 * With no readahead hits since the last swap-in, only a fault next to the previous one reads two slots (otherwise
 * one: random access reads no more than it needs); each hit on a page read ahead widens the window (hits + 2,
 * rounded up to a power of two, at least 4), up to 2^{@code vm.page-cluster}, and it never shrinks to less than half
 * of the last. ("Please don't ask what the + 2 means", says the kernel's comment; it just works well.)
 *
 * <p>6.18 uses readahead by virtual address ({@code swap_vma_readahead()}) when every swap device is
 * non-rotational; the contract's {@code swapIn} knows the entry and not the address, so mmsim reads ahead by slot,
 * as Linux does for rotating disks and with {@code /sys/kernel/mm/swap/vma_ra_enabled} off.
 */
final class SwapReadahead {
    /** {@code page_cluster_max}. */
    static final int MAX_PAGE_CLUSTER = 31;
    private int pageCluster;
    /** {@code swapin_readahead_hits}. */
    private int hits;
    private long prevOffset;
    private int lastPages;

    /** @param pageCluster the initial vm.page-cluster */
    SwapReadahead(int pageCluster) {
        this.pageCluster = pageCluster;
    }

    /** {@code swap_setup()}: page-cluster 2 on a machine of less than 16 MiB, else 3. */
    static int defaultPageCluster(long totalRamPages) {
        return (totalRamPages >> (20 - 12)) < 16 ? 2 : 3;
    }

    int pageCluster() {
        return pageCluster;
    }

    void setPageCluster(int value) {
        if (value < 0 || value > MAX_PAGE_CLUSTER) {
            throw new IllegalArgumentException("vm.page-cluster " + value + "; expected 0 to " + MAX_PAGE_CLUSTER);
        }
        pageCluster = value;
    }

    /** A page read ahead was asked for ({@code SWAP_RA_HIT}). */
    void hit() {
        hits++;
    }

    /** {@code swapin_nr_pages()}: how many slots to read around {@code offset}, a power of two. */
    int pages(long offset) {
        int maxPages = 1 << pageCluster;
        if (maxPages <= 1) {
            return 1;
        }
        int seen = hits;
        hits = 0;
        int pages = seen + 2;
        if (pages == 2) {
            if (offset != prevOffset + 1 && offset != prevOffset - 1) {
                pages = 1;
            }
        } else {
            int roundup = 4;
            while (roundup < pages) {
                roundup <<= 1;
            }
            pages = roundup;
        }
        pages = Math.min(pages, maxPages);
        pages = Math.max(pages, lastPages / 2);
        if (seen == 0) {
            prevOffset = offset;
        }
        lastPages = pages;
        return pages;
    }
}
