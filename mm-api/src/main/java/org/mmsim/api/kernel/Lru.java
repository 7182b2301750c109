package org.mmsim.api.kernel;

import org.mmsim.api.reclaim.LruList;

/**
 * The LRU lists of each node (mm/swap.c, mm/vmscan.c) as the other layers feed them: a page enters on its fault or
 * its insertion into the page cache, is marked accessed on a read or write through the cache, and leaves when it is
 * freed. Reclaim scans them.
 */
public interface Lru {
    /** A new anonymous page ({@code folio_add_lru_vma()}): the inactive anon list, or unevictable in a VM_LOCKED VMA. */
    void addAnon(long pfn, boolean locked);

    /**
     * A new page-cache page ({@code filemap_add_folio()}): the inactive file list, or the active one if it refaults
     * soon enough after its eviction ({@code workingset_refault()}).
     *
     * @param shadow what eviction left at the page's index, 0 for none
     */
    void addFile(long pfn, long shadow);

    /**
     * A page swap-in read back ({@code __read_swap_cache_async()}): the inactive anon list, or the active one if it
     * refaults soon enough after its eviction ({@code workingset_refault()}).
     *
     * @param shadow what reclaim left in the page's slot, 0 for none
     */
    void addSwapIn(long pfn, long shadow);

    /**
     * {@code folio_mark_accessed()}: an inactive page not referenced before is marked referenced; one referenced
     * before is activated.
     */
    void markAccessed(long pfn);

    /**
     * {@code mlock_folio()}: a page mapped in a VM_LOCKED VMA moves to the unevictable list (PG_mlocked), where
     * reclaim leaves it.
     */
    void mlock(long pfn);

    /** {@code munlock_folio()}: its last locked mapping went; the page is evictable again, on an inactive list. */
    void munlock(long pfn);

    /** The page is being freed ({@code __folio_put()}): it leaves its list. */
    void release(long pfn);

    /** Pages on {@code list}, all nodes. */
    long pages(LruList list);
}
