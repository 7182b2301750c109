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

    /**
     * {@code swapon(2)}: adds a swap area of {@code pages} pages at priority {@code priority} (higher is used first;
     * areas of equal priority take turns). Priority -1 is none given, as swapon(8) without {@code -p}: the area gets
     * the next of the negative priorities Linux hands out, -2, -3, ... ({@code least_priority}).
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

    /** {@code vm.page-cluster}: swap readahead reads up to 2^N slots (mm/swap.c {@code page_cluster}). */
    int pageCluster();

    /**
     * Sets {@code vm.page-cluster}.
     *
     * @throws IllegalArgumentException for a value out of 0..31 ({@code page_cluster_max})
     */
    void setPageCluster(int value);
}
