package org.mmsim.api.kernel;

/**
 * The swap cache and the slots' reference counts as the kernel layers use them (mm/swap_state.c, mm/swapfile.c,
 * mm/page_io.c): the cache holds a page while it is both in memory and in a slot, and each slot counts how many
 * page-table entries and whether the swap cache hold it. A swap entry is a primitive {@code long}
 * ({@link SwapEntry}); 0 is no entry. Only reclaim and the fault paths call this: a program administers swap through
 * {@link org.mmsim.api.reclaim.Swap}, and cannot reach a page or a slot.
 *
 * <p>Reclaim of an anonymous page: {@link #addToSwapCache} gives it a slot, the page's mappings are replaced by the
 * entry (each calling {@link #duplicate}), {@link #writePage} stores its content in the slot, and
 * {@link #deleteFromSwapCache} lets the page go. A fault on an entry: {@link #lookup} finds it still in memory, or
 * {@link #swapIn} reads it (a major fault), then the entry's PTE is replaced by the page and {@link #free} drops the
 * PTE's reference.
 */
public interface SwapCache {
    /**
     * A slot for an anonymous page and its place in the swap cache ({@code folio_alloc_swap()}); 0 if swap is full.
     * The cache takes a reference, and the page is dirty until {@link #writePage}.
     *
     * @throws IllegalArgumentException for a free page, one not swap-backed, or one in the swap cache already
     */
    long addToSwapCache(long pfn);

    /** The swap entry of a page in the swap cache, or 0 ({@code folio->swap}). */
    long entryOf(long pfn);

    /**
     * Writes the page to its slot ({@code swap_writepage()}): its content token is kept there; pswpout counts it. The
     * page is clean then.
     *
     * @throws IllegalArgumentException for a page not in the swap cache
     */
    void writePage(long pfn);

    /**
     * The page leaves the swap cache ({@code __delete_from_swap_cache()}); its slot keeps the content.
     *
     * @throws IllegalArgumentException for a page not in the swap cache
     * @throws IllegalStateException for a dirty page no PTE maps while entries hold its slot (its content would be
     *     lost); nothing changes then
     */
    void deleteFromSwapCache(long pfn);

    /**
     * Reclaim lets the page go from the swap cache ({@code __remove_mapping()}), leaving {@code shadow}, its
     * workingset shadow entry, in the slot for the swap-in that may follow; otherwise as
     * {@link #deleteFromSwapCache(long)}.
     */
    void deleteFromSwapCache(long pfn, long shadow);

    /**
     * The swap cache's page for {@code entry}, or -1 ({@code swap_cache_get_folio()}).
     *
     * @throws IllegalArgumentException for an entry of no area
     */
    long lookup(long entry);

    /**
     * Reads {@code entry}'s slot into a new page, in the swap cache, with the slots around it as readahead
     * ({@code swapin_readahead()}, 2^vm.page-cluster slots): pswpin counts each page read.
     *
     * @return the page's pfn, or -1 if no memory could be had
     * @throws IllegalArgumentException for a slot not in use or an entry of no area
     */
    long swapIn(long entry, int gfp);

    /**
     * One more page-table entry holds {@code entry} ({@code swap_duplicate()}, at fork and when unmapping).
     *
     * @throws IllegalArgumentException naming the entry, for a slot not in use or an entry of no area; nothing changes
     */
    void duplicate(long entry);

    /**
     * A page-table entry no longer holds {@code entry} ({@code swap_free()}); a slot nothing holds is free again,
     * and a page in the swap cache that nothing else needs may leave it.
     *
     * @throws IllegalArgumentException naming the entry, for a slot no entry holds or an entry of no area; nothing
     *     changes
     */
    void free(long entry);

    /**
     * How many page-table entries hold {@code entry} ({@code swp_swapcount()}).
     *
     * @throws IllegalArgumentException for an entry of no area
     */
    int count(long entry);
}
