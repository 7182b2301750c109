package org.mmsim.api.kernel;

/**
 * The per-frame state every layer shares ({@code struct page} as the rest of mm/ sees it): flags, the reference
 * count ({@code get_page()}/{@code put_page()}), the map count, and the frame's content token. A token is a number
 * standing for the page's bytes: a write changes it, a copy carries it, so a test can prove that what a process
 * reads after copy-on-write, swap-out and swap-in is what it last wrote.
 */
public interface PageFrames {
    /**
     * The object the page belongs to ({@code page->mapping}): a file's inode number, or an anon_vma with
     * {@link #ANON_MAPPING} set; 0 for none. With {@link #index} it lets reverse mapping find every PTE that maps it.
     */
    long mapping(long pfn);

    /** The page's offset in its mapping, in pages ({@code page->index}). */
    long index(long pfn);

    /** Sets {@link #mapping} and {@link #index}. */
    void setMapping(long pfn, long mapping, long index);

    /** The bit of {@link #mapping} that marks an anon_vma ({@code PAGE_MAPPING_ANON}). */
    long ANON_MAPPING = 1L << 62;

    /** The page flags ({@link org.mmsim.api.physical.PageFlags}). */
    int flags(long pfn);

    /** Sets page flags. */
    void setFlags(long pfn, int mask);

    /** Clears page flags. */
    void clearFlags(long pfn, int mask);

    /** The reference count ({@code page_ref_count()}). */
    int refcount(long pfn);

    /** Takes a reference ({@code get_page()}). */
    void getPage(long pfn);

    /**
     * Drops a reference ({@code put_page()}); the last one frees the order-0 page.
     *
     * @return whether the page was freed
     */
    boolean putPage(long pfn);

    /** Page-table entries mapping the frame ({@code page_mapcount()}). */
    int mapcount(long pfn);

    /** One more page-table entry maps the frame. */
    void incMapcount(long pfn);

    /** One page-table entry less maps the frame. */
    void decMapcount(long pfn);

    /** The content token; 0 is a page of zeroes. */
    long content(long pfn);

    /** Sets the content token (a write, a read from disk). */
    void setContent(long pfn, long token);
}
