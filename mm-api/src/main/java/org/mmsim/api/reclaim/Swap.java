package org.mmsim.api.reclaim;

import java.util.List;

/**
 * Swap as the other layers use it (mm/swapfile.c, mm/swap_state.c, mm/page_io.c): swap areas with slots, the swap
 * cache that holds a page while it is both in memory and in a slot, and the reference count of each slot (how many
 * page-table entries and whether the swap cache hold it). A swap entry is a primitive {@code long}
 * ({@link SwapEntry}); 0 is no entry.
 *
 * <p>Reclaim of an anonymous page: {@link #addToSwapCache} gives it a slot, the page's mappings are replaced by the
 * entry (each calling {@link #duplicate}), {@link #writePage} stores its content in the slot, and
 * {@link #deleteFromSwapCache} lets the page go. A fault on an entry: {@link #lookup} finds it still in memory, or
 * {@link #swapIn} reads it (a major fault), then the entry's PTE is replaced by the page and {@link #free} drops the
 * PTE's reference.
 */
public interface Swap {
    /** A slot for an anonymous page and its place in the swap cache ({@code folio_alloc_swap()}); 0 if swap is full. */
    long addToSwapCache(long pfn);

    /** The swap entry of a page in the swap cache, or 0 ({@code folio->swap}). */
    long entryOf(long pfn);

    /** Writes the page to its slot ({@code swap_writepage()}): its content token is kept there; pswpout counts it. */
    void writePage(long pfn);

    /** The page leaves the swap cache ({@code __delete_from_swap_cache()}); its slot keeps the content. */
    void deleteFromSwapCache(long pfn);

    /** The swap cache's page for {@code entry}, or -1 ({@code swap_cache_get_folio()}). */
    long lookup(long entry);

    /**
     * Reads {@code entry}'s slot into a new page, in the swap cache, with the slots around it as readahead
     * ({@code swapin_readahead()}, 2^vm.page-cluster slots): pswpin counts each page read.
     *
     * @return the page's pfn, or -1 if no memory could be had
     */
    long swapIn(long entry, int gfp);

    /** One more page-table entry holds {@code entry} ({@code swap_duplicate()}, at fork and when unmapping). */
    void duplicate(long entry);

    /**
     * A page-table entry no longer holds {@code entry} ({@code swap_free()}); a slot nothing holds is free again,
     * and a page in the swap cache that nothing else needs may leave it.
     */
    void free(long entry);

    /** How many page-table entries hold {@code entry} ({@code swp_swapcount()}). */
    int count(long entry);

    /**
     * {@code swapon(2)}: adds a swap area of {@code pages} pages at priority {@code priority} (higher is used first;
     * areas of equal priority take turns).
     *
     * @throws IllegalArgumentException for a path in use, a size below 10 pages, or a priority out of -1..32767
     */
    void swapon(String path, long pages, int priority);

    /**
     * {@code swapoff(2)}: brings every page of the area back into memory and removes it.
     *
     * @throws IllegalStateException if there is not enough memory for them (the area stays, as Linux leaves it)
     * @throws IllegalArgumentException for a path that is not a swap area
     */
    void swapoff(String path);

    /** The areas, as /proc/swaps lists them. */
    List<SwapArea> areas();

    /** Total slots (SwapTotal in pages). */
    long totalPages();

    /** Free slots (SwapFree in pages). */
    long freePages();

    /** Pages in the swap cache (SwapCached). */
    long cachedPages();
}
