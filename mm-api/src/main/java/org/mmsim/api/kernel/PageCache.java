package org.mmsim.api.kernel;

import org.mmsim.api.kalloc.FileRef;
import java.util.Optional;

/**
 * The page cache (mm/filemap.c): the pages of files, indexed by offset, shared by every mapping and read of a file.
 * A page not in the cache is read from the simulated disk (pgpgin), which under a mapping is a major fault.
 */
public interface PageCache {
    /** The file at {@code path}, created with {@code size} bytes (as if it were on disk) if there is none. */
    FileRef file(String path, long size);

    /** A new shared-memory file of {@code size} bytes, for a shared anonymous mapping or tmpfs. */
    FileRef shmem(String name, long size);

    /** The file at {@code path}, if it exists. */
    Optional<FileRef> lookup(String path);

    /**
     * The file's size now ({@code i_size_read()}; a write past the end extends it): a fault on a page past it is
     * SIGBUS ({@code filemap_fault()}).
     */
    long fileSize(FileRef file);

    /**
     * The page of {@code file} at page {@code index}, read from disk if it is not cached ({@code filemap_fault()}):
     * a miss reads the mmap read-around window with it. A fault that finds no page with {@link #findPage} first
     * reads it from disk here: a major fault, unless the file is shmem (its new page is zeroed). The caller gets a
     * reference it must drop with {@code put_page()} when it no longer maps the page.
     *
     * @return the pfn, or -1 if memory for the page cannot be allocated
     */
    long getPage(FileRef file, long index);

    /**
     * The page of {@code file} at {@code index} if the cache holds it, with a reference for the caller; -1 if not.
     * Never reads from disk ({@code filemap_map_pages()} maps only what is cached).
     */
    long findPage(FileRef file, long index);

    /**
     * A shared mapping wrote the page {@code pfn} ({@code folio_mark_dirty()}): a page of a disk file becomes dirty,
     * counted in Dirty and queued for writeback; a shmem page is only flagged. A pfn the cache does not hold (a
     * private copy) is left alone.
     */
    void setPageDirty(long pfn);

    /**
     * {@code remove_mapping()} for reclaim: drops a cache page that is clean, not under writeback and held by nothing
     * but the cache, leaving {@code shadow} (the workingset's eviction record) at its index.
     *
     * @return whether the page was dropped (and freed)
     */
    boolean evict(long pfn, long shadow);

    /**
     * {@code pageout()} for reclaim: starts writeback of one dirty cache page.
     *
     * @return false if the page is not a dirty cache page, or is under writeback already
     */
    boolean writePage(long pfn);

    /** Pages the cache holds. */
    long pages();

    /**
     * Registers reclaim's LRU lists, once reclaim is up: from then on every page the cache takes in joins them
     * ({@code lru_cache_add()}); before, none is on a list.
     */
    void registerLru(org.mmsim.api.kernel.Lru lru);
}
